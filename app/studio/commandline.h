#pragma once

#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

namespace Flow::Studio {

enum class ThemeChoice { System, Light, Dark };

struct StudioOptions
{
    QString file;           // workflow to open; empty for a new one (or the recovery offer)
    QString screenshotPath; // --screenshot: draw, save the PNG, exit
    QSize size;             // --size WxH; invalid means the saved or default geometry
    QString language;       // --lang de; empty means the system locale
    ThemeChoice theme = ThemeChoice::System;
    bool themeGiven = false;        // --theme was on the command line (else the saved choice applies)
    QStringList selectNodes;        // --select a,b: nodes selected at start (screenshots of the inspector)
    int autosaveIntervalMs = 30000; // --autosave-interval-ms (tests shorten it)
    QString testTextFile;           // --test-set-text FILE: types FILE's content into the YAML view
    bool run = false;               // --run: run the workflow once it is open
    double screenshotAt = -1;       // --screenshot-at S: with --run, the picture S seconds into the run
    QStringList params;             // --param NAME=VALUE (repeatable), as `flowrun run -p`
    QString panel;                  // --panel run|log|timeline|problems|history: the bottom tab shown
    QString replay;                 // --replay FILE.ndjson: a recorded run shown in the run views
    QString remote;                 // --remote URL: a server added to the Remote dock and connected
    QString remoteRun;              // --remote-run RUN: with --remote, that server's run shown
};

struct ParsedCommandLine
{
    std::optional<StudioOptions> options; // empty: exit with exitCode (help, version, bad usage)
    int exitCode = 0;
    QString output; // text to print: help or version (stdout) or an error (stderr when exitCode != 0)
};

// Parses the flowstudio command line (arguments()[0] is the program). Never exits the process itself,
// so it is testable; main() prints `output` and exits when `options` is empty.
ParsedCommandLine parseCommandLine(const QStringList &arguments);

} // namespace Flow::Studio
