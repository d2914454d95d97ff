// flow_docgen: writes a program's man page and shell completions from its own description.
//   flow_docgen [--man OUT] [--bash OUT] [--zsh OUT] [--json OUT] [--date YYYY-MM-DD] -- PROGRAM ARGS...
// runs PROGRAM ARGS (e.g. `flowrun help --json`), which prints the description (app/clidoc), and
// generates the files from it. Run at build time, so --help, the man page and the completions cannot
// disagree.
#include "app/clidoc/clidoc.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonDocument>
#include <QJsonParseError>
#include <QProcess>
#include <QSaveFile>

#include <cstdio>

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "flow_docgen: %s\n", qPrintable(message));
    return 1;
}

bool writeFile(const QString &path, const QString &text)
{
    QSaveFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(text.toUtf8()) >= 0 && file.commit();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    const qsizetype separator = args.indexOf(QStringLiteral("--"));
    if (separator < 0 || separator + 1 >= args.size())
        return fail(QStringLiteral(
            "usage: flow_docgen [--man|--bash|--zsh|--json OUT]... [--date D] -- PROGRAM ARGS..."));
    const QStringList command = args.mid(separator + 1);
    args = args.mid(0, separator);
    QHash<QString, QString> outputs;
    for (qsizetype i = 0; i + 1 < args.size(); i += 2)
        outputs.insert(args.at(i), args.at(i + 1));

    // The description is English and independent of the build machine's locale and display.
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("en"));
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process.start(command.first(), command.mid(1));
    if (!process.waitForFinished(60000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0)
        return fail(
            QStringLiteral("%1 failed: %2").arg(command.join(QLatin1Char(' ')), process.errorString()));
    const QByteArray json = process.readAllStandardOutput();

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(json, &parseError);
    if (document.isNull())
        return fail(QStringLiteral("%1: not JSON: %2").arg(command.first(), parseError.errorString()));
    QString error;
    const std::optional<Flow::CliDoc::Program> program
        = Flow::CliDoc::programFromJson(document.object(), &error);
    if (!program)
        return fail(QStringLiteral("%1: %2").arg(command.first(), error));

    const QString date = outputs.value(QStringLiteral("--date"), QStringLiteral("2026-01-01"));
    const std::pair<QString, QString> files[] = {
        {QStringLiteral("--man"), Flow::CliDoc::manPage(*program, date)},
        {QStringLiteral("--bash"), Flow::CliDoc::bashCompletion(*program)},
        {QStringLiteral("--zsh"), Flow::CliDoc::zshCompletion(*program)},
        {QStringLiteral("--json"), QString::fromUtf8(json)},
    };
    for (const auto &[option, text] : files) {
        if (outputs.contains(option) && !writeFile(outputs.value(option), text))
            return fail(QStringLiteral("cannot write %1").arg(outputs.value(option)));
    }
    return 0;
}
