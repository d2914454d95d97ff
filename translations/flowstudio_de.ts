<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>CommandLine</name>
    <message>
        <source>Workflow file (.yaml) to open.</source>
        <translation>Zu öffnende Workflow-Datei (.yaml).</translation>
    </message>
</context>
<context>
    <name>Flow::Duration</name>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
</context>
<context>
    <name>Flow::ExtractSubflowCommand</name>
    <message>
        <source>Extract into subflow</source>
        <translation>In Sub-Workflow extrahieren</translation>
    </message>
</context>
<context>
    <name>Flow::Extractor</name>
    <message>
        <source>select the nodes to extract first</source>
        <translation>Zuerst die zu extrahierenden Knoten auswählen</translation>
    </message>
    <message>
        <source>&apos;%1&apos; reads nodes.%2 in an expression across the selection&apos;s border; select both or neither</source>
        <translation>&apos;%1&apos; liest nodes.%2 in einem Ausdruck über die Grenze der Auswahl hinweg; beide oder keinen auswählen</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>von %1</translation>
    </message>
</context>
<context>
    <name>Flow::GraphController</name>
    <message>
        <source>Align left</source>
        <translation>Links ausrichten</translation>
    </message>
    <message>
        <source>Align right</source>
        <translation>Rechts ausrichten</translation>
    </message>
    <message>
        <source>Align top</source>
        <translation>Oben ausrichten</translation>
    </message>
    <message>
        <source>Align bottom</source>
        <translation>Unten ausrichten</translation>
    </message>
    <message>
        <source>Distribute horizontally</source>
        <translation>Horizontal verteilen</translation>
    </message>
    <message>
        <source>Distribute vertically</source>
        <translation>Vertikal verteilen</translation>
    </message>
    <message>
        <source>Auto-layout</source>
        <translation>Automatisch anordnen</translation>
    </message>
    <message>
        <source>Auto-layout selection</source>
        <translation>Auswahl automatisch anordnen</translation>
    </message>
    <message>
        <source>The clipboard holds no workflow nodes.</source>
        <translation>Die Zwischenablage enthält keine Workflow-Knoten.</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Löschen</translation>
    </message>
    <message>
        <source>Cu&amp;t</source>
        <translation>&amp;Ausschneiden</translation>
    </message>
    <message>
        <source>&amp;Copy</source>
        <translation>&amp;Kopieren</translation>
    </message>
    <message>
        <source>&amp;Paste</source>
        <translation>&amp;Einfügen</translation>
    </message>
    <message>
        <source>D&amp;uplicate</source>
        <translation>D&amp;uplizieren</translation>
    </message>
    <message>
        <source>&amp;Rename Node…</source>
        <translation>Knoten &amp;umbenennen…</translation>
    </message>
    <message>
        <source>Select &amp;All</source>
        <translation>&amp;Alles auswählen</translation>
    </message>
    <message>
        <source>Align &amp;Left</source>
        <translation>&amp;Links ausrichten</translation>
    </message>
    <message>
        <source>Align &amp;Right</source>
        <translation>&amp;Rechts ausrichten</translation>
    </message>
    <message>
        <source>Align &amp;Top</source>
        <translation>&amp;Oben ausrichten</translation>
    </message>
    <message>
        <source>Align &amp;Bottom</source>
        <translation>&amp;Unten ausrichten</translation>
    </message>
    <message>
        <source>Distribute &amp;Horizontally</source>
        <translation>&amp;Horizontal verteilen</translation>
    </message>
    <message>
        <source>Distribute &amp;Vertically</source>
        <translation>&amp;Vertikal verteilen</translation>
    </message>
    <message>
        <source>Auto-&amp;Layout</source>
        <translation>Automatisch &amp;anordnen</translation>
    </message>
    <message>
        <source>Auto-Layout &amp;Selection</source>
        <translation>Au&amp;swahl automatisch anordnen</translation>
    </message>
    <message>
        <source>Zoom &amp;In</source>
        <translation>Ver&amp;größern</translation>
    </message>
    <message>
        <source>Zoom &amp;Out</source>
        <translation>Ver&amp;kleinern</translation>
    </message>
    <message>
        <source>Zoom to &amp;Fit</source>
        <translation>&amp;Alles zeigen</translation>
    </message>
    <message>
        <source>Actual &amp;Size</source>
        <translation>&amp;Originalgröße</translation>
    </message>
    <message>
        <source>Add %1</source>
        <translation>%1 hinzufügen</translation>
    </message>
    <message>
        <source>%1 has no input to connect to.</source>
        <translation>%1 hat keinen Eingang, der verbunden werden kann.</translation>
    </message>
    <message>
        <source>%1 has no output to connect from.</source>
        <translation>%1 hat keinen Ausgang, der verbunden werden kann.</translation>
    </message>
    <message>
        <source>Add connected %1</source>
        <translation>Verbundenes %1 hinzufügen</translation>
    </message>
    <message>
        <source>Connect %1.%2 to %3.%4</source>
        <translation>%1.%2 mit %3.%4 verbinden</translation>
    </message>
    <message>
        <source>Disconnect %1.%2 from %3.%4</source>
        <translation>Verbindung %1.%2 – %3.%4 lösen</translation>
    </message>
    <message>
        <source>There is no node “%1”.</source>
        <translation>Es gibt keinen Knoten „%1“.</translation>
    </message>
    <message>
        <source>“%1” is not a valid id: start with a letter or _, then use letters, digits, _ and -.</source>
        <translation>„%1“ ist keine gültige ID: Beginnen Sie mit einem Buchstaben oder _, danach Buchstaben, Ziffern, _ und -.</translation>
    </message>
    <message>
        <source>The id “%1” is taken by another node.</source>
        <translation>Die ID „%1“ gehört bereits einem anderen Knoten.</translation>
    </message>
    <message>
        <source>Rename %1 to %2</source>
        <translation>%1 in %2 umbenennen</translation>
    </message>
    <message numerus="yes">
        <source>Move %n node(s)</source>
        <translation>
            <numerusform>%n Knoten verschieben</numerusform>
            <numerusform>%n Knoten verschieben</numerusform>
        </translation>
    </message>
    <message>
        <source>Change %1</source>
        <translation>%1 ändern</translation>
    </message>
    <message>
        <source>A node cannot be connected to itself.</source>
        <translation>Ein Knoten kann nicht mit sich selbst verbunden werden.</translation>
    </message>
    <message>
        <source>That input is already connected; remove its wire first.</source>
        <translation>Dieser Eingang ist schon verbunden; entfernen Sie zuerst seine Verbindung.</translation>
    </message>
    <message>
        <source>That connection would make a cycle.</source>
        <translation>Diese Verbindung würde einen Zyklus erzeugen.</translation>
    </message>
    <message>
        <source>Connect an output to an input, not two inputs.</source>
        <translation>Verbinden Sie einen Ausgang mit einem Eingang, nicht zwei Eingänge.</translation>
    </message>
    <message>
        <source>Connect an output to an input, not two outputs.</source>
        <translation>Verbinden Sie einen Ausgang mit einem Eingang, nicht zwei Ausgänge.</translation>
    </message>
    <message>
        <source>There is no such port.</source>
        <translation>Diesen Anschluss gibt es nicht.</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n node(s)</source>
        <translation>
            <numerusform>%n Knoten löschen</numerusform>
            <numerusform>%n Knoten löschen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Delete %n wire(s)</source>
        <translation>
            <numerusform>%n Verbindung löschen</numerusform>
            <numerusform>%n Verbindungen löschen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cut %n node(s)</source>
        <translation>
            <numerusform>%n Knoten ausschneiden</numerusform>
            <numerusform>%n Knoten ausschneiden</numerusform>
        </translation>
    </message>
    <message>
        <source>The clipboard is empty.</source>
        <translation>Die Zwischenablage ist leer.</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>Duplizieren</translation>
    </message>
    <message numerus="yes">
        <source>Paste %n node(s)</source>
        <translation>
            <numerusform>%n Knoten einfügen</numerusform>
            <numerusform>%n Knoten einfügen</numerusform>
        </translation>
    </message>
    <message>
        <source>Reconnect %1.%2 to %3.%4</source>
        <translation>%1.%2 neu mit %3.%4 verbinden</translation>
    </message>
</context>
<context>
    <name>Flow::GraphView</name>
    <message>
        <source>Node id: letters, digits, _ and -; Enter to rename, Esc to cancel</source>
        <translation>Knoten-ID: Buchstaben, Ziffern, _ und -; Eingabe benennt um, Esc bricht ab</translation>
    </message>
    <message>
        <source>Arrange</source>
        <translation>Anordnen</translation>
    </message>
    <message>
        <source>Add Node…</source>
        <translation>Knoten hinzufügen…</translation>
    </message>
</context>
<context>
    <name>Flow::LogModel</name>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>attempt %1 failed: %2; retrying in %3 s</source>
        <translation>Versuch %1 fehlgeschlagen: %2; neuer Versuch in %3 s</translation>
    </message>
    <message>
        <source>skipped: %1</source>
        <translation>übersprungen: %1</translation>
    </message>
    <message>
        <source>cancelled: %1</source>
        <translation>abgebrochen: %1</translation>
    </message>
    <message>
        <source>%1 · %2%3 [%4]
%5</source>
        <translation>%1 · %2%3 [%4]
%5</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <source>Stream</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
</context>
<context>
    <name>Flow::LogView</name>
    <message>
        <source>stdout</source>
        <translation>stdout</translation>
    </message>
    <message>
        <source>stderr</source>
        <translation>stderr</translation>
    </message>
    <message>
        <source>debug</source>
        <translation>debug</translation>
    </message>
    <message>
        <source>info</source>
        <translation>info</translation>
    </message>
    <message>
        <source>warn</source>
        <translation>warn</translation>
    </message>
    <message>
        <source>error</source>
        <translation>error</translation>
    </message>
    <message>
        <source>Show the lines of one node</source>
        <translation>Nur die Zeilen eines Knotens zeigen</translation>
    </message>
    <message>
        <source>All nodes</source>
        <translation>Alle Knoten</translation>
    </message>
    <message>
        <source>Show the lines of one attempt</source>
        <translation>Nur die Zeilen eines Versuchs zeigen</translation>
    </message>
    <message>
        <source>All attempts</source>
        <translation>Alle Versuche</translation>
    </message>
    <message>
        <source>Show %1 lines</source>
        <translation>%1-Zeilen zeigen</translation>
    </message>
    <message>
        <source>Filter text</source>
        <translation>Text filtern</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>Mitlaufen</translation>
    </message>
    <message>
        <source>Keep the newest line in view</source>
        <translation>Die neueste Zeile im Blick behalten</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>Select All</source>
        <translation>Alles auswählen</translation>
    </message>
    <message>
        <source>Filtering…</source>
        <translation>Filtere…</translation>
    </message>
    <message>
        <source>%1 lines</source>
        <translation>%1 Zeilen</translation>
    </message>
    <message>
        <source>%1 of %2 lines</source>
        <translation>%1 von %2 Zeilen</translation>
    </message>
</context>
<context>
    <name>Flow::Minimap</name>
    <message>
        <source>Overview: click or drag to move the view</source>
        <translation>Übersicht: Klicken oder ziehen, um die Ansicht zu verschieben</translation>
    </message>
</context>
<context>
    <name>Flow::Ndjson</name>
    <message>
        <source>line too long</source>
        <translation>Zeile zu lang</translation>
    </message>
    <message>
        <source>not a run event</source>
        <translation>kein Lauf-Ereignis</translation>
    </message>
</context>
<context>
    <name>Flow::NodeStateStyle</name>
    <message>
        <source>Pending</source>
        <translation>Ausstehend</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Wartet</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>Wiederholt</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>Erfolgreich</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Übersprungen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>Cached</source>
        <translation>Aus dem Cache</translation>
    </message>
</context>
<context>
    <name>Flow::NodeTypes</name>
    <message>
        <source>Parse JSON</source>
        <translation>JSON lesen</translation>
    </message>
    <message>
        <source>Parses JSON text into a value.</source>
        <translation>Liest JSON-Text in einen Wert.</translation>
    </message>
    <message>
        <source>JSON text</source>
        <translation>JSON-Text</translation>
    </message>
    <message>
        <source>The parsed value</source>
        <translation>Der gelesene Wert</translation>
    </message>
    <message>
        <source>Select from JSON</source>
        <translation>Aus JSON auswählen</translation>
    </message>
    <message>
        <source>Picks part of a value by a path such as items[0].name.</source>
        <translation>Wählt einen Teil eines Werts über einen Pfad wie items[0].name.</translation>
    </message>
    <message>
        <source>Any value</source>
        <translation>Ein beliebiger Wert</translation>
    </message>
    <message>
        <source>The selected part</source>
        <translation>Der ausgewählte Teil</translation>
    </message>
    <message>
        <source>Path such as items[0].name</source>
        <translation>Pfad wie items[0].name</translation>
    </message>
    <message>
        <source>Write JSON</source>
        <translation>JSON schreiben</translation>
    </message>
    <message>
        <source>Turns a value into JSON text.</source>
        <translation>Macht aus einem Wert JSON-Text.</translation>
    </message>
    <message>
        <source>Spaces per indent level; 0 for compact</source>
        <translation>Leerzeichen pro Einrückungsstufe; 0 für kompakt</translation>
    </message>
    <message>
        <source>Log message</source>
        <translation>Log-Meldung</translation>
    </message>
    <message>
        <source>Writes a message to the run log.</source>
        <translation>Schreibt eine Meldung ins Lauf-Log.</translation>
    </message>
    <message>
        <source>Logged when config message is empty</source>
        <translation>Wird geloggt, wenn message in der Konfiguration leer ist</translation>
    </message>
    <message>
        <source>The logged text</source>
        <translation>Der geloggte Text</translation>
    </message>
    <message>
        <source>Text to log (may use ${{ }} expressions)</source>
        <translation>Zu loggender Text (darf ${{ }}-Ausdrücke enthalten)</translation>
    </message>
    <message>
        <source>Log level</source>
        <translation>Log-Stufe</translation>
    </message>
    <message>
        <source>Read file</source>
        <translation>Datei lesen</translation>
    </message>
    <message>
        <source>Reads a text file.</source>
        <translation>Liest eine Textdatei.</translation>
    </message>
    <message>
        <source>File content</source>
        <translation>Dateiinhalt</translation>
    </message>
    <message>
        <source>File to read</source>
        <translation>Zu lesende Datei</translation>
    </message>
    <message>
        <source>Write file</source>
        <translation>Datei schreiben</translation>
    </message>
    <message>
        <source>Writes text to a file.</source>
        <translation>Schreibt Text in eine Datei.</translation>
    </message>
    <message>
        <source>Text to write</source>
        <translation>Zu schreibender Text</translation>
    </message>
    <message>
        <source>Absolute path of the written file</source>
        <translation>Absoluter Pfad der geschriebenen Datei</translation>
    </message>
    <message>
        <source>File to write</source>
        <translation>Zu schreibende Datei</translation>
    </message>
    <message>
        <source>Append instead of replacing</source>
        <translation>Anhängen statt ersetzen</translation>
    </message>
    <message>
        <source>Sub-workflow</source>
        <translation>Unter-Workflow</translation>
    </message>
    <message>
        <source>Runs another workflow file; inputs become its params, its outputs are returned.</source>
        <translation>Führt eine andere Workflow-Datei aus; die Eingänge werden ihre Parameter, ihre Ausgaben werden zurückgegeben.</translation>
    </message>
    <message>
        <source>Delay</source>
        <translation>Verzögerung</translation>
    </message>
    <message>
        <source>Waits for a while, then passes its input through.</source>
        <translation>Wartet eine Weile und reicht dann seine Eingabe weiter.</translation>
    </message>
    <message>
        <source>Passed through unchanged</source>
        <translation>Wird unverändert weitergereicht</translation>
    </message>
    <message>
        <source>The input value</source>
        <translation>Der Eingabewert</translation>
    </message>
    <message>
        <source>How long to wait</source>
        <translation>Wie lange gewartet wird</translation>
    </message>
    <message>
        <source>HTTP request</source>
        <translation>HTTP-Anfrage</translation>
    </message>
    <message>
        <source>Sends an HTTP request and returns the response.</source>
        <translation>Sendet eine HTTP-Anfrage und liefert die Antwort.</translation>
    </message>
    <message>
        <source>Request body (overrides config body)</source>
        <translation>Anfrageinhalt (ersetzt body aus der Konfiguration)</translation>
    </message>
    <message>
        <source>HTTP status code</source>
        <translation>HTTP-Statuscode</translation>
    </message>
    <message>
        <source>Response headers</source>
        <translation>Antwort-Header</translation>
    </message>
    <message>
        <source>Response body text</source>
        <translation>Antwortinhalt als Text</translation>
    </message>
    <message>
        <source>Response body parsed as JSON, when it is JSON</source>
        <translation>Antwortinhalt als JSON gelesen, wenn er JSON ist</translation>
    </message>
    <message>
        <source>HTTP method</source>
        <translation>HTTP-Methode</translation>
    </message>
    <message>
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <source>Request headers</source>
        <translation>Anfrage-Header</translation>
    </message>
    <message>
        <source>Query parameters</source>
        <translation>Abfrageparameter</translation>
    </message>
    <message>
        <source>Request body</source>
        <translation>Anfrageinhalt</translation>
    </message>
    <message>
        <source>Follow redirects</source>
        <translation>Weiterleitungen folgen</translation>
    </message>
    <message>
        <source>Statuses that count as success besides 2xx</source>
        <translation>Statuscodes, die außer 2xx als Erfolg gelten</translation>
    </message>
    <message>
        <source>JavaScript</source>
        <translation>JavaScript</translation>
    </message>
    <message>
        <source>Runs JavaScript in a sandbox. Each input becomes a variable; the returned value is the result.</source>
        <translation>Führt JavaScript in einer Sandbox aus. Jeder Eingang wird eine Variable; der zurückgegebene Wert ist das Ergebnis.</translation>
    </message>
    <message>
        <source>The returned value</source>
        <translation>Der zurückgegebene Wert</translation>
    </message>
    <message>
        <source>Function body; `return` the result</source>
        <translation>Funktionsrumpf; das Ergebnis mit `return` zurückgeben</translation>
    </message>
    <message>
        <source>Interrupt the script after this long</source>
        <translation>Das Skript nach dieser Zeit abbrechen</translation>
    </message>
    <message>
        <source>Fields of the returned object to expose as outputs</source>
        <translation>Felder des zurückgegebenen Objekts, die als Ausgänge erscheinen</translation>
    </message>
    <message>
        <source>Shell command</source>
        <translation>Shell-Befehl</translation>
    </message>
    <message>
        <source>Runs a command and streams its output. A string runs through /bin/sh -c; a list is the argv.</source>
        <translation>Führt einen Befehl aus und überträgt seine Ausgabe laufend. Ein Text läuft über /bin/sh -c; eine Liste ist das argv.</translation>
    </message>
    <message>
        <source>Text written to the command&apos;s standard input</source>
        <translation>Text für die Standardeingabe des Befehls</translation>
    </message>
    <message>
        <source>Standard output</source>
        <translation>Standardausgabe</translation>
    </message>
    <message>
        <source>Standard error</source>
        <translation>Standardfehlerausgabe</translation>
    </message>
    <message>
        <source>Exit status</source>
        <translation>Exit-Status</translation>
    </message>
    <message>
        <source>Command line (string) or argv (list)</source>
        <translation>Befehlszeile (Text) oder argv (Liste)</translation>
    </message>
    <message>
        <source>Working directory</source>
        <translation>Arbeitsverzeichnis</translation>
    </message>
    <message>
        <source>Extra environment variables</source>
        <translation>Zusätzliche Umgebungsvariablen</translation>
    </message>
    <message>
        <source>A non-zero exit status does not fail the node</source>
        <translation>Ein Exit-Status ungleich null lässt den Knoten nicht scheitern</translation>
    </message>
    <message>
        <source>On cancel or timeout, how long the process gets after SIGTERM before SIGKILL</source>
        <translation>Bei Abbruch oder Zeitüberschreitung: wie lange der Prozess nach SIGTERM bis zum SIGKILL bekommt</translation>
    </message>
    <message>
        <source>Workflow file, relative to this one</source>
        <translation>Workflow-Datei, relativ zu dieser</translation>
    </message>
    <message>
        <source>Params of the sub-workflow (name: value or ${{ }}); inputs of the same name win</source>
        <translation>Parameter des Sub-Workflows (Name: Wert oder ${{ }}); gleichnamige Eingänge haben Vorrang</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Outputs its value: a constant, or ${{ params.x }} to hand a param to an input port.</source>
        <translation>Gibt seinen Wert aus: eine Konstante oder ${{ params.x }}, um einen Parameter an einen Eingangsport weiterzugeben.</translation>
    </message>
    <message>
        <source>The value, with its type</source>
        <translation>Der Wert, mit seinem Typ</translation>
    </message>
    <message>
        <source>The value (${{ }} keeps its type)</source>
        <translation>Der Wert (${{ }} behält seinen Typ)</translation>
    </message>
</context>
<context>
    <name>Flow::PaletteWidget</name>
    <message>
        <source>Search nodes…</source>
        <translation>Knoten suchen…</translation>
    </message>
</context>
<context>
    <name>Flow::QuickAddPopup</name>
    <message>
        <source>Add node…</source>
        <translation>Knoten hinzufügen…</translation>
    </message>
</context>
<context>
    <name>Flow::ReplaySource</name>
    <message>
        <source>no run events in the file</source>
        <translation>keine Lauf-Ereignisse in der Datei</translation>
    </message>
    <message>
        <source>events of more than one run</source>
        <translation>Ereignisse mehrerer Läufe</translation>
    </message>
    <message>
        <source>the recording ends before the run does</source>
        <translation>die Aufzeichnung endet vor dem Lauf</translation>
    </message>
</context>
<context>
    <name>Flow::RunListModel</name>
    <message>
        <source>starting</source>
        <translation>startet</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>gestoppt</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>remote run</source>
        <translation>Lauf auf einem Server</translation>
    </message>
    <message>
        <source>from the history</source>
        <translation>aus dem Verlauf</translation>
    </message>
    <message>
        <source>run on this computer</source>
        <translation>Lauf auf diesem Rechner</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>#%1 · %2</source>
        <translation>#%1 · %2</translation>
    </message>
    <message>
        <source>%1 (%2)
Started %3
Run %4</source>
        <translation>%1 (%2)
Gestartet %3
Lauf %4</translation>
    </message>
</context>
<context>
    <name>Flow::RunNodeModel</name>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Attempt</source>
        <translation>Versuch</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <source>Attempt %1 of %2 is due at %3.
Last error: %4</source>
        <translation>Versuch %1 von %2 ist um %3 fällig.
Letzter Fehler: %4</translation>
    </message>
    <message>
        <source>retrying…</source>
        <translation>wiederholt…</translation>
    </message>
    <message>
        <source>retry in %1 s</source>
        <translation>neuer Versuch in %1 s</translation>
    </message>
    <message>
        <source>cached, from run %1</source>
        <translation>zwischengespeichert, aus Lauf %1</translation>
    </message>
    <message>
        <source>Outputs taken from run %1, not computed again</source>
        <translation>Ausgaben aus Lauf %1 übernommen, nicht neu berechnet</translation>
    </message>
</context>
<context>
    <name>Flow::RunOverlay</name>
    <message>
        <source>retrying now</source>
        <translation>wiederholt jetzt</translation>
    </message>
    <message>
        <source>retry in %1 s</source>
        <translation>neuer Versuch in %1 s</translation>
    </message>
    <message>
        <source>next attempt %1</source>
        <translation>nächster Versuch %1</translation>
    </message>
    <message>
        <source>attempt %1</source>
        <translation>Versuch %1</translation>
    </message>
    <message>
        <source>Last error: %1</source>
        <translation>Letzter Fehler: %1</translation>
    </message>
    <message>
        <source>%1% done</source>
        <translation>%1 % erledigt</translation>
    </message>
</context>
<context>
    <name>Flow::RunPanel</name>
    <message>
        <source>Filter by node or message</source>
        <translation>Nach Knoten oder Meldung filtern</translation>
    </message>
    <message>
        <source>retry in %1 s</source>
        <translation>neuer Versuch in %1 s</translation>
    </message>
    <message>
        <source>All states</source>
        <translation>Alle Zustände</translation>
    </message>
    <message>
        <source>Pending or queued</source>
        <translation>Ausstehend oder wartend</translation>
    </message>
    <message>
        <source>Not succeeded</source>
        <translation>Nicht erfolgreich</translation>
    </message>
    <message numerus="yes">
        <source>Not started — %n node(s)</source>
        <translation>
            <numerusform>Nicht gestartet — %n Knoten</numerusform>
            <numerusform>Nicht gestartet — %n Knoten</numerusform>
        </translation>
    </message>
    <message>
        <source>No run yet</source>
        <translation>Noch kein Lauf</translation>
    </message>
    <message numerus="yes">
        <source>Running — %1/%2 done, %n failed, %3 elapsed</source>
        <translation>
            <numerusform>Läuft — %1/%2 fertig, %n fehlgeschlagen, %3 vergangen</numerusform>
            <numerusform>Läuft — %1/%2 fertig, %n fehlgeschlagen, %3 vergangen</numerusform>
        </translation>
    </message>
    <message>
        <source>Running — %1/%2 done, %3 elapsed</source>
        <translation>Läuft — %1/%2 fertig, %3 vergangen</translation>
    </message>
    <message>
        <source>Succeeded in %1</source>
        <translation>Erfolgreich in %1</translation>
    </message>
    <message>
        <source>Failed after %1</source>
        <translation>Fehlgeschlagen nach %1</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Cancelled after %1</source>
        <translation>Abgebrochen nach %1</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::CanvasRunMenu</name>
    <message>
        <source>Re-run From This Node</source>
        <translation>Ab diesem Knoten neu ausführen</translation>
    </message>
    <message>
        <source>Resume Last Run</source>
        <translation>Letzten Lauf fortsetzen</translation>
    </message>
    <message>
        <source>There is no run history.</source>
        <translation>Es gibt keinen Laufverlauf.</translation>
    </message>
    <message>
        <source>A run is in progress: wait for it to end, or stop it.</source>
        <translation>Ein Lauf ist im Gange: warten Sie, bis er endet, oder halten Sie ihn an.</translation>
    </message>
    <message>
        <source>The workflow has neither a file nor a name to find its runs by.</source>
        <translation>Der Workflow hat weder eine Datei noch einen Namen, über den seine Läufe zu finden wären.</translation>
    </message>
    <message>
        <source>Looking for the runs of this workflow…</source>
        <translation>Läufe dieses Workflows werden gesucht…</translation>
    </message>
    <message>
        <source>No stored run of this workflow has run node %1 yet.</source>
        <translation>Kein gespeicherter Lauf dieses Workflows hat Knoten %1 bisher ausgeführt.</translation>
    </message>
    <message>
        <source>Run %1 and everything downstream of it again, with the outputs of the other nodes from run %2</source>
        <translation>%1 und alles danach erneut ausführen, mit den Ausgaben der anderen Knoten aus Lauf %2</translation>
    </message>
    <message>
        <source>No run of this workflow is in the history yet.</source>
        <translation>Noch kein Lauf dieses Workflows im Verlauf.</translation>
    </message>
    <message>
        <source>The last run of this workflow is still going.</source>
        <translation>Der letzte Lauf dieses Workflows läuft noch.</translation>
    </message>
    <message>
        <source>The last run of this workflow succeeded: there is nothing to resume.</source>
        <translation>Der letzte Lauf dieses Workflows war erfolgreich: es gibt nichts fortzusetzen.</translation>
    </message>
    <message>
        <source>Run again only the nodes of run %1 that did not succeed, with the stored outputs of the others</source>
        <translation>Nur die Knoten von Lauf %1 erneut ausführen, die nicht erfolgreich waren, mit den gespeicherten Ausgaben der anderen</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::CodeFieldEditor</name>
    <message>
        <source>Shell command (/bin/sh -c)</source>
        <translation>Shell-Befehl (/bin/sh -c)</translation>
    </message>
    <message>
        <source>Program and arguments, one per line</source>
        <translation>Programm und Argumente, eins pro Zeile</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::CommandLine</name>
    <message>
        <source>Flowstudio: edit workflows as a node graph and as YAML, side by side.</source>
        <translation>Flowstudio: Workflows als Knotengraph und als YAML bearbeiten, Seite an Seite.</translation>
    </message>
    <message>
        <source>Workflow file (.yaml) to open.</source>
        <translation>Zu öffnende Workflow-Datei (.yaml).</translation>
    </message>
    <message>
        <source>Open FILE, draw the window, save it as a PNG image and exit.</source>
        <translation>FILE öffnen, das Fenster zeichnen, als PNG-Bild speichern und beenden.</translation>
    </message>
    <message>
        <source>Window size, e.g. 1600x1000.</source>
        <translation>Fenstergröße, z. B. 1600x1000.</translation>
    </message>
    <message>
        <source>User interface language (e.g. de, en); default: the system locale.</source>
        <translation>Sprache der Oberfläche (z. B. de, en); Vorgabe: die Systemsprache.</translation>
    </message>
    <message>
        <source>Appearance: system, light or dark.</source>
        <translation>Erscheinungsbild: system, light (hell) oder dark (dunkel).</translation>
    </message>
    <message>
        <source>Select these nodes at start (comma-separated).</source>
        <translation>Diese Knoten beim Start auswählen (durch Kommas getrennt).</translation>
    </message>
    <message>
        <source>Autosave the recovery file this long after a change (default 30000).</source>
        <translation>Die Wiederherstellungsdatei so lange nach einer Änderung automatisch speichern (Vorgabe 30000).</translation>
    </message>
    <message>
        <source>Test hook: type the content of FILE into the YAML view after start.</source>
        <translation>Testhilfe: Nach dem Start den Inhalt von FILE in die YAML-Ansicht tippen.</translation>
    </message>
    <message>
        <source>Only one FILE can be opened at a time.</source>
        <translation>Es kann nur eine FILE auf einmal geöffnet werden.</translation>
    </message>
    <message>
        <source>Invalid --size &quot;%1&quot;: expected WIDTHxHEIGHT such as 1600x1000.</source>
        <translation>Ungültiges --size „%1“: erwartet wird BREITExHÖHE wie 1600x1000.</translation>
    </message>
    <message>
        <source>Invalid --theme &quot;%1&quot;: expected system, light or dark.</source>
        <translation>Ungültiges --theme „%1“: erwartet wird system, light oder dark.</translation>
    </message>
    <message>
        <source>Invalid --autosave-interval-ms &quot;%1&quot;.</source>
        <translation>Ungültiges --autosave-interval-ms „%1“.</translation>
    </message>
    <message>
        <source>Run FILE once it is open. With --screenshot, the picture is taken when the run has finished.</source>
        <translation>FILE nach dem Öffnen ausführen. Mit --screenshot wird das Bild aufgenommen, wenn der Lauf beendet ist.</translation>
    </message>
    <message>
        <source>With --run and --screenshot: take the picture this many seconds into the run.</source>
        <translation>Mit --run und --screenshot: das Bild so viele Sekunden nach Beginn des Laufs aufnehmen.</translation>
    </message>
    <message>
        <source>A workflow parameter for --run (repeatable).</source>
        <translation>Ein Parameter des Workflows für --run (wiederholbar).</translation>
    </message>
    <message>
        <source>Invalid --screenshot-at &quot;%1&quot;: expected seconds, such as 1.5.</source>
        <translation>Ungültiges --screenshot-at „%1“: erwartet werden Sekunden, etwa 1.5.</translation>
    </message>
    <message>
        <source>--screenshot-at needs --run and --screenshot.</source>
        <translation>--screenshot-at braucht --run und --screenshot.</translation>
    </message>
    <message>
        <source>Invalid --param &quot;%1&quot;: expected NAME=VALUE.</source>
        <translation>Ungültiges --param „%1“: erwartet wird NAME=WERT.</translation>
    </message>
    <message>
        <source>Invalid --panel &quot;%1&quot;: expected one of %2.</source>
        <translation>Ungültiges --panel „%1“: erwartet wird eines von %2.</translation>
    </message>
    <message>
        <source>Show the run recorded in FILE (the NDJSON of `flowrun run --json`) in the run views and on the canvas. With --screenshot, the picture is taken when it is shown.</source>
        <translation>Den in FILE aufgezeichneten Lauf (das NDJSON von `flowrun run --json`) in den Laufansichten und auf der Arbeitsfläche zeigen. Mit --screenshot wird das Bild aufgenommen, sobald er angezeigt ist.</translation>
    </message>
    <message>
        <source>--replay and --run cannot be used together.</source>
        <translation>--replay und --run können nicht zusammen verwendet werden.</translation>
    </message>
    <message>
        <source>The bottom panel to show: problems, history (undo), runs (the run history), run, log, timeline or remote.</source>
        <translation>Das untere Panel, das angezeigt wird: problems, history (Rückgängig), runs (Laufverlauf), run, log, timeline oder remote.</translation>
    </message>
    <message>
        <source>Add the `flowrun serve` server at URL (ws:// or wss://; the token from $FLOWSTUDIO_TOKEN) to the Remote dock and connect to it.</source>
        <translation>Den `flowrun serve`-Server unter URL (ws:// oder wss://; das Token aus $FLOWSTUDIO_TOKEN) zum Remote-Dock hinzufügen und verbinden.</translation>
    </message>
    <message>
        <source>With --remote: show that server&apos;s run RUN in the run views and on the canvas. With --screenshot, the picture is taken when the run has finished.</source>
        <translation>Mit --remote: den Lauf RUN dieses Servers in den Laufansichten und auf der Arbeitsfläche zeigen. Mit --screenshot wird das Bild aufgenommen, wenn der Lauf beendet ist.</translation>
    </message>
    <message>
        <source>Invalid --remote &quot;%1&quot;: expected a ws:// or wss:// URL.</source>
        <translation>Ungültiges --remote „%1“: eine ws://- oder wss://-URL wird erwartet.</translation>
    </message>
    <message>
        <source>--remote-run needs --remote, and goes without --run and --replay.</source>
        <translation>--remote-run braucht --remote und geht nicht mit --run oder --replay.</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::CommandPalette</name>
    <message>
        <source>Type a command…</source>
        <translation>Befehl eingeben…</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::EnumFieldEditor</name>
    <message>
        <source>(not set)</source>
        <translation>(nicht gesetzt)</translation>
    </message>
    <message>
        <source>(default: %1)</source>
        <translation>(Vorgabe: %1)</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::FileController</name>
    <message>
        <source>Workflows (*.yaml *.yml);;All files (*)</source>
        <translation>Workflows (*.yaml *.yml);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;Neu</translation>
    </message>
    <message>
        <source>Start a new, empty workflow</source>
        <translation>Einen neuen, leeren Workflow beginnen</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>Ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open a workflow file</source>
        <translation>Eine Workflow-Datei öffnen</translation>
    </message>
    <message>
        <source>Open Workflow</source>
        <translation>Workflow öffnen</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save the workflow as canonical YAML</source>
        <translation>Den Workflow als kanonisches YAML speichern</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <source>Re&amp;vert to Saved</source>
        <translation>Auf gespeicherten Stand &amp;zurücksetzen</translation>
    </message>
    <message>
        <source>Drop unsaved changes and read the file again</source>
        <translation>Ungespeicherte Änderungen verwerfen und die Datei neu lesen</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>New file %1: it is created when you save.</source>
        <translation>Neue Datei %1: Sie wird beim Speichern angelegt.</translation>
    </message>
    <message>
        <source>workflow.yaml</source>
        <translation>workflow.yaml</translation>
    </message>
    <message>
        <source>Save Workflow As</source>
        <translation>Workflow speichern unter</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>%1 gespeichert</translation>
    </message>
    <message>
        <source>Saved %1 as typed: the YAML has errors</source>
        <translation>%1 wie eingegeben gespeichert: Das YAML enthält Fehler</translation>
    </message>
    <message>
        <source>Revert to Saved</source>
        <translation>Auf gespeicherten Stand zurücksetzen</translation>
    </message>
    <message>
        <source>Drop all unsaved changes and read %1 again?</source>
        <translation>Alle ungespeicherten Änderungen verwerfen und %1 neu lesen?</translation>
    </message>
    <message>
        <source>Reverted to the saved file</source>
        <translation>Auf die gespeicherte Datei zurückgesetzt</translation>
    </message>
    <message>
        <source>Unsaved Changes</source>
        <translation>Ungespeicherte Änderungen</translation>
    </message>
    <message>
        <source>Save the changes to &quot;%1&quot; before closing?</source>
        <translation>Änderungen an „%1“ vor dem Schließen speichern?</translation>
    </message>
    <message>
        <source>Your changes are lost if you don&apos;t save them.</source>
        <translation>Ihre Änderungen gehen verloren, wenn Sie sie nicht speichern.</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>Keine zuletzt geöffneten Dateien</translation>
    </message>
    <message>
        <source>&amp;Clear Menu</source>
        <translation>Menü &amp;leeren</translation>
    </message>
    <message>
        <source>%1 was deleted or moved by another program. Save to write it again.</source>
        <translation>%1 wurde von einem anderen Programm gelöscht oder verschoben. Speichern Sie, um sie neu zu schreiben.</translation>
    </message>
    <message>
        <source>%1 was changed by another program. Reload it and lose your unsaved changes?</source>
        <translation>%1 wurde von einem anderen Programm geändert. Neu laden und Ihre ungespeicherten Änderungen verwerfen?</translation>
    </message>
    <message>
        <source>%1 was changed by another program.</source>
        <translation>%1 wurde von einem anderen Programm geändert.</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>Neu laden</translation>
    </message>
    <message>
        <source>Reloaded %1</source>
        <translation>%1 neu geladen</translation>
    </message>
    <message>
        <source>Keep Mine</source>
        <translation>Meine behalten</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::HistoryDock</name>
    <message>
        <source>Filter by workflow, file or run id</source>
        <translation>Nach Workflow, Datei oder Lauf-ID filtern</translation>
    </message>
    <message>
        <source>All runs</source>
        <translation>Alle Läufe</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Öffnen</translation>
    </message>
    <message>
        <source>Show the run in the run panel, log, timeline and canvas</source>
        <translation>Den Lauf im Lauf-Panel, Protokoll, in der Zeitleiste und auf der Arbeitsfläche anzeigen</translation>
    </message>
    <message>
        <source>Workflow as It Was</source>
        <translation>Workflow wie damals</translation>
    </message>
    <message>
        <source>Open the workflow exactly as this run ran it, as a new unsaved document</source>
        <translation>Den Workflow genau so öffnen, wie dieser Lauf ihn ausgeführt hat, als neues, ungespeichertes Dokument</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Run again only the nodes that did not succeed, with the stored outputs of the others</source>
        <translation>Nur die nicht erfolgreichen Knoten erneut ausführen, mit den gespeicherten Ausgaben der übrigen</translation>
    </message>
    <message>
        <source>Re-run From…</source>
        <translation>Erneut ausführen ab…</translation>
    </message>
    <message>
        <source>Run a node and everything downstream of it again, with upstream outputs from this run</source>
        <translation>Einen Knoten und alles ihm Nachgelagerte erneut ausführen, mit den vorgelagerten Ausgaben aus diesem Lauf</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>Delete this run from the history</source>
        <translation>Diesen Lauf aus dem Verlauf löschen</translation>
    </message>
    <message>
        <source>Prune…</source>
        <translation>Bereinigen…</translation>
    </message>
    <message>
        <source>Delete old runs, keeping the newest ones</source>
        <translation>Alte Läufe löschen, die neuesten behalten</translation>
    </message>
    <message>
        <source>Open the Workflow as It Was</source>
        <translation>Workflow wie damals öffnen</translation>
    </message>
    <message>
        <source>Re-run From Node…</source>
        <translation>Erneut ausführen ab Knoten…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <source>Open Run</source>
        <translation>Lauf öffnen</translation>
    </message>
    <message>
        <source>The run cannot be read: %1</source>
        <translation>Der Lauf kann nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>This run is still going.</source>
        <translation>Dieser Lauf ist noch aktiv.</translation>
    </message>
    <message>
        <source>The workflow of this run no longer reads without errors.</source>
        <translation>Der Workflow dieses Laufs lässt sich nicht mehr fehlerfrei lesen.</translation>
    </message>
    <message>
        <source>Re-run From Node</source>
        <translation>Erneut ausführen ab Knoten</translation>
    </message>
    <message>
        <source>Run this node and everything downstream of it again:</source>
        <translation>Diesen Knoten und alles ihm Nachgelagerte erneut ausführen:</translation>
    </message>
    <message>
        <source>Delete Run</source>
        <translation>Lauf löschen</translation>
    </message>
    <message>
        <source>Delete run %1 and all its events from the history? This cannot be undone.</source>
        <translation>Lauf %1 und alle seine Ereignisse aus dem Verlauf löschen? Dies kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <source>Prune Run History</source>
        <translation>Lauf-Verlauf bereinigen</translation>
    </message>
    <message>
        <source>Keep the newest runs:</source>
        <translation>Die neuesten Läufe behalten:</translation>
    </message>
    <message numerus="yes">
        <source>Delete every finished run but the newest %n? This cannot be undone.</source>
        <translation>
            <numerusform>Alle abgeschlossenen Läufe bis auf den neuesten (%n) löschen? Dies kann nicht rückgängig gemacht werden.</numerusform>
            <numerusform>Alle abgeschlossenen Läufe bis auf die neuesten %n löschen? Dies kann nicht rückgängig gemacht werden.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Flow::Studio::HistoryModel</name>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message numerus="yes">
        <source>, %n failed</source>
        <translation>
            <numerusform>, %n fehlgeschlagen</numerusform>
            <numerusform>, %n fehlgeschlagen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n reused</source>
        <translation>
            <numerusform>, %n wiederverwendet</numerusform>
            <numerusform>, %n wiederverwendet</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 (continues %2)</source>
        <translation>%1 (setzt %2 fort)</translation>
    </message>
    <message>
        <source>Run %1
Workflow: %2
%3</source>
        <translation>Lauf %1
Workflow: %2
%3</translation>
    </message>
    <message>
        <source>(not saved)</source>
        <translation>(nicht gespeichert)</translation>
    </message>
    <message numerus="yes">
        <source>Continues run %1; %n node(s) reused from it</source>
        <translation>
            <numerusform>Setzt Lauf %1 fort; %n Knoten daraus wiederverwendet</numerusform>
            <numerusform>Setzt Lauf %1 fort; %n Knoten daraus wiederverwendet</numerusform>
        </translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>Gestartet</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Dauer</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message numerus="yes">
        <source>%n node(s) taken from the result cache; open the run to see from which runs</source>
        <translation>
            <numerusform>%n Knoten aus dem Ergebnis-Cache übernommen; öffnen Sie den Lauf, um zu sehen, aus welchen Läufen</numerusform>
            <numerusform>%n Knoten aus dem Ergebnis-Cache übernommen; öffnen Sie den Lauf, um zu sehen, aus welchen Läufen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Flow::Studio::InspectorWidget</name>
    <message>
        <source>Select a node on the canvas to edit its settings.</source>
        <translation>Wählen Sie einen Knoten auf der Arbeitsfläche, um seine Einstellungen zu bearbeiten.</translation>
    </message>
    <message>
        <source>%1 nodes selected. Select one node to edit its settings.</source>
        <translation>%1 Knoten ausgewählt. Wählen Sie einen einzelnen Knoten, um seine Einstellungen zu bearbeiten.</translation>
    </message>
    <message>
        <source>Unknown type</source>
        <translation>Unbekannter Typ</translation>
    </message>
    <message>
        <source>The node id: letters, digits, &apos;_&apos; and &apos;-&apos;. Renaming updates every reference.</source>
        <translation>Die Knoten-ID: Buchstaben, Ziffern, &apos;_&apos; und &apos;-&apos;. Umbenennen passt jeden Verweis an.</translation>
    </message>
    <message>
        <source>Id</source>
        <translation>ID</translation>
    </message>
    <message>
        <source>What this step is for</source>
        <translation>Wozu dieser Schritt dient</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Beschreibung</translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation>Konfiguration</translation>
    </message>
    <message>
        <source>Run options</source>
        <translation>Ausführung</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::KeyValueFieldEditor</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Wert</translation>
    </message>
    <message>
        <source>Add an entry</source>
        <translation>Eintrag hinzufügen</translation>
    </message>
    <message>
        <source>Remove the selected entries</source>
        <translation>Ausgewählte Einträge entfernen</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::LineFieldEditor</name>
    <message>
        <source>Default: %1</source>
        <translation>Vorgabe: %1</translation>
    </message>
    <message>
        <source>e.g. 30s, 5m</source>
        <translation>z. B. 30s, 5m</translation>
    </message>
    <message>
        <source>Enter a whole number or a ${{ }} expression.</source>
        <translation>Geben Sie eine ganze Zahl oder einen ${{ }}-Ausdruck ein.</translation>
    </message>
    <message>
        <source>Enter a number or a ${{ }} expression.</source>
        <translation>Geben Sie eine Zahl oder einen ${{ }}-Ausdruck ein.</translation>
    </message>
    <message>
        <source>Not a duration: use a unit, as in 250ms, 30s, 10m or 1h.</source>
        <translation>Keine Dauer: Verwenden Sie eine Einheit, wie in 250ms, 30s, 10m oder 1h.</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::MainWindow</name>
    <message>
        <source>Palette</source>
        <translation>Palette</translation>
    </message>
    <message>
        <source>&lt;opened file&gt;</source>
        <translation>&lt;geöffnete Datei&gt;</translation>
    </message>
    <message>
        <source>Undo History</source>
        <translation>Verlauf</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>Inspektor</translation>
    </message>
    <message>
        <source>YAML</source>
        <translation>YAML</translation>
    </message>
    <message>
        <source>Problems</source>
        <translation>Probleme</translation>
    </message>
    <message>
        <source>Ln %1, Col %2</source>
        <translation>Z. %1, Sp. %2</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1[*] — Flowstudio</source>
        <translation>%1[*] — Flowstudio</translation>
    </message>
    <message>
        <source>1 error</source>
        <translation>1 Fehler</translation>
    </message>
    <message>
        <source>%1 errors</source>
        <translation>%1 Fehler</translation>
    </message>
    <message>
        <source>1 warning</source>
        <translation>1 Warnung</translation>
    </message>
    <message>
        <source>%1 warnings</source>
        <translation>%1 Warnungen</translation>
    </message>
    <message>
        <source>No problems</source>
        <translation>Keine Probleme</translation>
    </message>
    <message>
        <source>Problems (%1)</source>
        <translation>Probleme (%1)</translation>
    </message>
    <message>
        <source>an untitled workflow</source>
        <translation>einem unbenannten Workflow</translation>
    </message>
    <message>
        <source>Flowstudio ended without saving your changes to %1 (autosaved %2). Restore them?</source>
        <translation>Flowstudio wurde beendet, ohne Ihre Änderungen an %1 zu speichern (automatisch gesichert %2). Wiederherstellen?</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Wiederherstellen</translation>
    </message>
    <message>
        <source>Restored unsaved changes; save to keep them.</source>
        <translation>Ungespeicherte Änderungen wiederhergestellt; speichern Sie, um sie zu behalten.</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Verwerfen</translation>
    </message>
    <message>
        <source>About Flowstudio</source>
        <translation>Über Flowstudio</translation>
    </message>
    <message>
        <source>&lt;h3&gt;Flowstudio %1&lt;/h3&gt;&lt;p&gt;A visual editor and runner for workflows: build a graph of shell commands, HTTP requests, scripts and file steps, and keep it as readable YAML.&lt;/p&gt;&lt;p&gt;Built with Qt %2, QScintilla and yaml-cpp.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;Flowstudio %1&lt;/h3&gt;&lt;p&gt;Ein visueller Editor und Ausführer für Workflows: Bauen Sie einen Graphen aus Shell-Befehlen, HTTP-Anfragen, Skripten und Dateischritten und bewahren Sie ihn als lesbares YAML auf.&lt;/p&gt;&lt;p&gt;Erstellt mit Qt %2, QScintilla und yaml-cpp.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Wiederholen</translation>
    </message>
    <message>
        <source>&amp;Arrange</source>
        <translation>&amp;Anordnen</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;About Flowstudio</source>
        <translation>Über &amp;Flowstudio</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>Find &amp;Command…</source>
        <translation>&amp;Befehl suchen…</translation>
    </message>
    <message>
        <source>Search every command by name</source>
        <translation>Alle Befehle nach Namen durchsuchen</translation>
    </message>
    <message>
        <source>&amp;Panels</source>
        <translation>&amp;Bereiche</translation>
    </message>
    <message>
        <source>&amp;Full Screen</source>
        <translation>&amp;Vollbild</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Haupt</translation>
    </message>
    <message>
        <source>&amp;Add Node…</source>
        <translation>Knoten &amp;hinzufügen…</translation>
    </message>
    <message>
        <source>Search for a node type and add it (also Tab or a double-click on the canvas)</source>
        <translation>Einen Knotentyp suchen und hinzufügen (auch mit Tab oder Doppelklick auf die Arbeitsfläche)</translation>
    </message>
    <message>
        <source>&amp;Appearance</source>
        <translation>&amp;Erscheinungsbild</translation>
    </message>
    <message>
        <source>Follow the &amp;System</source>
        <translation>&amp;System folgen</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>&amp;Hell</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>&amp;Dunkel</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>&amp;Rückgängig: %1</translation>
    </message>
    <message>
        <source>&amp;Redo %1</source>
        <translation>&amp;Wiederholen: %1</translation>
    </message>
    <message>
        <source>&lt;p style=&quot;font-size:large&quot;&gt;Start by dragging a node from the palette&lt;/p&gt;&lt;p&gt;or press Tab (or double-click) on the canvas to search for one.&lt;br&gt;Ctrl+Shift+P finds any command.&lt;/p&gt;</source>
        <translation>&lt;p style=&quot;font-size:large&quot;&gt;Ziehen Sie zuerst einen Knoten aus der Palette&lt;/p&gt;&lt;p&gt;oder drücken Sie Tab (oder doppelklicken Sie) auf der Arbeitsfläche, um einen zu suchen.&lt;br&gt;Strg+Umschalt+P findet jeden Befehl.&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&amp;Next Problem</source>
        <translation>&amp;Nächstes Problem</translation>
    </message>
    <message>
        <source>P&amp;revious Problem</source>
        <translation>&amp;Vorheriges Problem</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>Protokoll</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>Aus&amp;führen</translation>
    </message>
    <message>
        <source>Run History</source>
        <translation>Lauf-Verlauf</translation>
    </message>
    <message>
        <source>Remote</source>
        <translation>Remote</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::NotificationBar</name>
    <message>
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::PathFieldEditor</name>
    <message>
        <source>Choose a file or folder</source>
        <translation>Eine Datei oder einen Ordner wählen</translation>
    </message>
    <message>
        <source>Choose File…</source>
        <translation>Datei wählen…</translation>
    </message>
    <message>
        <source>Choose File</source>
        <translation>Datei wählen</translation>
    </message>
    <message>
        <source>Choose Folder…</source>
        <translation>Ordner wählen…</translation>
    </message>
    <message>
        <source>Choose Folder</source>
        <translation>Ordner wählen</translation>
    </message>
    <message>
        <source>Workflows (*.yaml *.yml);;All files (*)</source>
        <translation>Workflows (*.yaml *.yml);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::ProblemsView</name>
    <message>
        <source>Problem</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <source>Line</source>
        <translation>Zeile</translation>
    </message>
    <message>
        <source>No problems in this workflow</source>
        <translation>Keine Probleme in diesem Workflow</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::RemoteDock</name>
    <message>
        <source>disconnected</source>
        <translation>getrennt</translation>
    </message>
    <message>
        <source>disconnected: %1</source>
        <translation>getrennt: %1</translation>
    </message>
    <message>
        <source>connecting…</source>
        <translation>verbinde…</translation>
    </message>
    <message>
        <source>connected</source>
        <translation>verbunden</translation>
    </message>
    <message>
        <source>unhealthy: no answer to pings</source>
        <translation>gestört: keine Antwort auf Pings</translation>
    </message>
    <message>
        <source>refused: %1</source>
        <translation>abgelehnt: %1</translation>
    </message>
    <message>
        <source>running</source>
        <translation>läuft</translation>
    </message>
    <message>
        <source>succeeded</source>
        <translation>erfolgreich</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>unterbrochen</translation>
    </message>
    <message>
        <source>Add Server</source>
        <translation>Server hinzufügen</translation>
    </message>
    <message>
        <source>Edit Server</source>
        <translation>Server bearbeiten</translation>
    </message>
    <message>
        <source>none (loopback servers only)</source>
        <translation>keiner (nur Loopback-Server)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;URL:</source>
        <translation>&amp;URL:</translation>
    </message>
    <message>
        <source>&amp;Token:</source>
        <translation>&amp;Token:</translation>
    </message>
    <message>
        <source>Server / Run</source>
        <translation>Server / Lauf</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Workflow</source>
        <translation>Workflow</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>Ereignisse</translation>
    </message>
    <message>
        <source>Add Server…</source>
        <translation>Server hinzufügen…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Bearbeiten…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Reconnect</source>
        <translation>Neu verbinden</translation>
    </message>
    <message>
        <source>Open Run</source>
        <translation>Lauf öffnen</translation>
    </message>
    <message>
        <source>Run on Server</source>
        <translation>Auf Server ausführen</translation>
    </message>
    <message>
        <source>Stop Remote Run</source>
        <translation>Remote-Lauf stoppen</translation>
    </message>
    <message>
        <source>Run the workflow in the editor on the selected server</source>
        <translation>Den Workflow im Editor auf dem ausgewählten Server ausführen</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::RunOptionsEditor</name>
    <message>
        <source>Retry failed attempts</source>
        <translation>Fehlgeschlagene Versuche wiederholen</translation>
    </message>
    <message>
        <source>Reuse earlier outputs</source>
        <translation>Frühere Ausgaben wiederverwenden</translation>
    </message>
    <message>
        <source>Always; or an expression such as ${{ params.upload }}</source>
        <translation>Immer; oder ein Ausdruck wie ${{ params.upload }}</translation>
    </message>
    <message>
        <source>Run only when this expression is true; otherwise the node and the nodes that need its outputs are skipped.</source>
        <translation>Nur ausführen, wenn dieser Ausdruck wahr ist; sonst werden der Knoten und die Knoten, die seine Ausgaben brauchen, übersprungen.</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Wenn</translation>
    </message>
    <message>
        <source>Once; or a list [&quot;a&quot;, &quot;b&quot;] or an expression</source>
        <translation>Einmal; oder eine Liste [&quot;a&quot;, &quot;b&quot;] oder ein Ausdruck</translation>
    </message>
    <message>
        <source>Run once per item; the item is ${{ item }} and its position ${{ index }}.</source>
        <translation>Einmal pro Element ausführen; das Element ist ${{ item }}, seine Position ${{ index }}.</translation>
    </message>
    <message>
        <source>For each</source>
        <translation>Für jedes</translation>
    </message>
    <message>
        <source>Default</source>
        <translation>Vorgabe</translation>
    </message>
    <message>
        <source>How many items of for_each run at the same time.</source>
        <translation>Wie viele Elemente von for_each gleichzeitig laufen.</translation>
    </message>
    <message>
        <source>Concurrency</source>
        <translation>Parallelität</translation>
    </message>
    <message>
        <source> attempts</source>
        <translation> Versuche</translation>
    </message>
    <message>
        <source>Attempts</source>
        <translation>Versuche</translation>
    </message>
    <message>
        <source>e.g. 500ms</source>
        <translation>z. B. 500ms</translation>
    </message>
    <message>
        <source>First delay</source>
        <translation>Erste Pause</translation>
    </message>
    <message>
        <source>Each further delay is the previous one times this factor.</source>
        <translation>Jede weitere Pause ist die vorige mal diesem Faktor.</translation>
    </message>
    <message>
        <source>Backoff</source>
        <translation>Faktor</translation>
    </message>
    <message>
        <source>No limit</source>
        <translation>Keine Grenze</translation>
    </message>
    <message>
        <source>Longest delay</source>
        <translation>Längste Pause</translation>
    </message>
    <message>
        <source>No limit; e.g. 30s</source>
        <translation>Keine Grenze; z. B. 30s</translation>
    </message>
    <message>
        <source>Each attempt is stopped after this long.</source>
        <translation>Jeder Versuch wird nach dieser Zeit abgebrochen.</translation>
    </message>
    <message>
        <source>Timeout</source>
        <translation>Zeitlimit</translation>
    </message>
    <message>
        <source>Reuse the outputs of an earlier run when the type, config and inputs are the same.</source>
        <translation>Die Ausgaben eines früheren Laufs wiederverwenden, wenn Typ, Konfiguration und Eingaben gleich sind.</translation>
    </message>
    <message>
        <source>Cache</source>
        <translation>Cache</translation>
    </message>
    <message>
        <source>Not a duration: use a unit, as in 250ms, 30s, 10m or 1h.</source>
        <translation>Keine Dauer: Verwenden Sie eine Einheit, wie in 250ms, 30s, 10m oder 1h.</translation>
    </message>
    <message>
        <source>A list must be written as JSON, e.g. [&quot;a&quot;, &quot;b&quot;].</source>
        <translation>Eine Liste muss als JSON geschrieben werden, z. B. [&quot;a&quot;, &quot;b&quot;].</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::RunParamsDialog</name>
    <message>
        <source>Run with Parameters</source>
        <translation>Mit Parametern ausführen</translation>
    </message>
    <message>
        <source>This workflow has no parameters.</source>
        <translation>Dieser Workflow hat keine Parameter.</translation>
    </message>
    <message>
        <source>Values for this run. Fields left as they are use the workflow&apos;s defaults.</source>
        <translation>Werte für diesen Lauf. Unveränderte Felder nehmen die Vorgaben des Workflows.</translation>
    </message>
    <message>
        <source>required</source>
        <translation>erforderlich</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Ausführen</translation>
    </message>
    <message>
        <source>A value is required.</source>
        <translation>Ein Wert ist erforderlich.</translation>
    </message>
    <message>
        <source>Needs a whole number.</source>
        <translation>Braucht eine ganze Zahl.</translation>
    </message>
    <message>
        <source>Needs a number.</source>
        <translation>Braucht eine Zahl.</translation>
    </message>
    <message>
        <source>Needs a JSON array, like [1, 2].</source>
        <translation>Braucht ein JSON-Array, etwa [1, 2].</translation>
    </message>
    <message>
        <source>Needs a JSON object, like {&quot;key&quot;: 1}.</source>
        <translation>Braucht ein JSON-Objekt, etwa {&quot;key&quot;: 1}.</translation>
    </message>
    <message>
        <source>Not a valid value.</source>
        <translation>Kein gültiger Wert.</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::RunWorkbench</name>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Ausführen</translation>
    </message>
    <message>
        <source>Run the whole workflow</source>
        <translation>Den ganzen Workflow ausführen</translation>
    </message>
    <message>
        <source>Run with &amp;Parameters…</source>
        <translation>Mit &amp;Parametern ausführen…</translation>
    </message>
    <message>
        <source>Choose the workflow&apos;s parameters, then run it</source>
        <translation>Die Parameter des Workflows wählen, dann ausführen</translation>
    </message>
    <message>
        <source>Run &amp;Selected Nodes</source>
        <translation>Ausgewählte &amp;Knoten ausführen</translation>
    </message>
    <message>
        <source>Run the selected nodes and the nodes they need</source>
        <translation>Die ausgewählten Knoten und die Knoten, die sie brauchen, ausführen</translation>
    </message>
    <message>
        <source>S&amp;top</source>
        <translation>&amp;Stoppen</translation>
    </message>
    <message>
        <source>Stop the run: running nodes are cancelled and nothing new starts</source>
        <translation>Den Lauf stoppen: laufende Knoten werden abgebrochen, nichts Neues startet</translation>
    </message>
    <message>
        <source>&amp;Clear Run Results</source>
        <translation>Lauf&amp;ergebnisse entfernen</translation>
    </message>
    <message>
        <source>The workflow has a problem; fix it before running.</source>
        <translation>Der Workflow hat ein Problem; beheben Sie es vor dem Ausführen.</translation>
    </message>
    <message>
        <source>The workflow has %1 problems; fix them before running.</source>
        <translation>Der Workflow hat %1 Probleme; beheben Sie sie vor dem Ausführen.</translation>
    </message>
    <message>
        <source>There is nothing to run: the workflow has no nodes.</source>
        <translation>Es gibt nichts auszuführen: Der Workflow hat keine Knoten.</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>Startet…</translation>
    </message>
    <message>
        <source>Stopping…</source>
        <translation>Stoppt…</translation>
    </message>
    <message>
        <source>Running: %1 of %2 nodes done</source>
        <translation>Läuft: %1 von %2 Knoten fertig</translation>
    </message>
    <message>
        <source>The run failed: %1</source>
        <translation>Der Lauf ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Run in Progress</source>
        <translation>Lauf in Arbeit</translation>
    </message>
    <message>
        <source>A run is still going. Stop it and close?</source>
        <translation>Ein Lauf ist noch nicht fertig. Stoppen und schließen?</translation>
    </message>
    <message>
        <source>Remove the finished runs from the list, their states from the canvas and the run views</source>
        <translation>Die beendeten Läufe aus der Liste und ihre Zustände von der Arbeitsfläche und aus den Laufansichten entfernen</translation>
    </message>
    <message>
        <source>Open Run &amp;Recording…</source>
        <translation>Lauf&amp;aufzeichnung öffnen…</translation>
    </message>
    <message>
        <source>Show a run recorded with `flowrun run --json` in the run views</source>
        <translation>Einen mit `flowrun run --json` aufgezeichneten Lauf in den Laufansichten zeigen</translation>
    </message>
    <message>
        <source>Open Run Recording</source>
        <translation>Laufaufzeichnung öffnen</translation>
    </message>
    <message>
        <source>Run recordings (*.ndjson *.jsonl *.json);;All files (*)</source>
        <translation>Laufaufzeichnungen (*.ndjson *.jsonl *.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot show the recording: %1</source>
        <translation>Die Aufzeichnung kann nicht angezeigt werden: %1</translation>
    </message>
    <message>
        <source>Runs of this window: pick one to show it on the canvas and in the run views</source>
        <translation>Läufe dieses Fensters: einen wählen, um ihn auf der Arbeitsfläche und in den Laufansichten zu zeigen</translation>
    </message>
    <message>
        <source>Run interrupted</source>
        <translation>Lauf unterbrochen</translation>
    </message>
    <message numerus="yes">
        <source> (%n other run(s) going)</source>
        <translation>
            <numerusform> (%n weiterer Lauf aktiv)</numerusform>
            <numerusform> (%n weitere Läufe aktiv)</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 runs are still going. Stop them and close?</source>
        <translation>%1 Läufe sind noch aktiv. Anhalten und schließen?</translation>
    </message>
    <message>
        <source>Run succeeded in %1</source>
        <translation>Lauf erfolgreich in %1</translation>
    </message>
    <message>
        <source>Run failed after %1</source>
        <translation>Lauf fehlgeschlagen nach %1</translation>
    </message>
    <message>
        <source>Run stopped after %1</source>
        <translation>Lauf abgebrochen nach %1</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::Screenshot</name>
    <message>
        <source>The window could not be drawn.</source>
        <translation>Das Fenster konnte nicht gezeichnet werden.</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::SetWorkflowCommand</name>
    <message>
        <source>Edit YAML</source>
        <translation>YAML bearbeiten</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::ShortcutSheet</name>
    <message>
        <source>Other</source>
        <translation>Sonstiges</translation>
    </message>
    <message>
        <source>Keyboard Shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>Filter by command or key</source>
        <translation>Nach Befehl oder Taste filtern</translation>
    </message>
    <message>
        <source>Command</source>
        <translation>Befehl</translation>
    </message>
    <message>
        <source>Shortcut</source>
        <translation>Tastenkürzel</translation>
    </message>
    <message>
        <source>&amp;Keyboard Shortcuts</source>
        <translation>&amp;Tastenkürzel</translation>
    </message>
    <message>
        <source>List every command that has a keyboard shortcut</source>
        <translation>Alle Befehle mit Tastenkürzel auflisten</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::SubflowActions</name>
    <message>
        <source>&amp;Open Sub-workflow</source>
        <translation>Sub-Workflow ö&amp;ffnen</translation>
    </message>
    <message>
        <source>E&amp;xtract Selection into Subflow…</source>
        <translation>Auswahl in Sub-Workflow e&amp;xtrahieren…</translation>
    </message>
    <message>
        <source>&amp;Import FlowEngine Workflow…</source>
        <translation>FlowEngine-Workflow &amp;importieren…</translation>
    </message>
    <message>
        <source>Open the workflow file of the selected subflow node (also a double-click or Enter)</source>
        <translation>Die Workflow-Datei des ausgewählten Sub-Workflow-Knotens öffnen (auch per Doppelklick oder Eingabetaste)</translation>
    </message>
    <message>
        <source>Move the selected nodes into a new workflow file and call it from one node</source>
        <translation>Die ausgewählten Knoten in eine neue Workflow-Datei verschieben und diese aus einem Knoten aufrufen</translation>
    </message>
    <message>
        <source>Open a FlowEngine workflow (JSON) as a new Flowstudio workflow</source>
        <translation>Einen FlowEngine-Workflow (JSON) als neuen Flowstudio-Workflow öffnen</translation>
    </message>
    <message>
        <source>&apos;%1&apos; names no workflow file (its path is empty or an expression)</source>
        <translation>&apos;%1&apos; benennt keine Workflow-Datei (der Pfad ist leer oder ein Ausdruck)</translation>
    </message>
    <message>
        <source>The sub-workflow %1 does not exist</source>
        <translation>Der Sub-Workflow %1 existiert nicht</translation>
    </message>
    <message>
        <source>Save this workflow first: the subflow&apos;s path is relative to its file</source>
        <translation>Diesen Workflow zuerst speichern: Der Pfad des Sub-Workflows ist relativ zu seiner Datei</translation>
    </message>
    <message>
        <source>Extract into Subflow</source>
        <translation>In Sub-Workflow extrahieren</translation>
    </message>
    <message>
        <source>subflow.yaml</source>
        <translation>subflow.yaml</translation>
    </message>
    <message>
        <source>Workflows (*.yaml *.yml)</source>
        <translation>Workflows (*.yaml *.yml)</translation>
    </message>
    <message>
        <source>Choose another file than this workflow&apos;s own</source>
        <translation>Eine andere Datei als die dieses Workflows wählen</translation>
    </message>
    <message>
        <source>Cannot extract: %1</source>
        <translation>Extrahieren nicht möglich: %1</translation>
    </message>
    <message>
        <source>Cannot write %1: %2</source>
        <translation>%1 kann nicht geschrieben werden: %2</translation>
    </message>
    <message numerus="yes">
        <source>Extracted %n node(s) into %1</source>
        <translation>
            <numerusform>%n Knoten in %1 extrahiert</numerusform>
            <numerusform>%n Knoten in %1 extrahiert</numerusform>
        </translation>
    </message>
    <message>
        <source>Import FlowEngine Workflow</source>
        <translation>FlowEngine-Workflow importieren</translation>
    </message>
    <message>
        <source>FlowEngine workflows (*.json);;All files (*)</source>
        <translation>FlowEngine-Workflows (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>%1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <source>%1 is not a FlowEngine workflow: %2</source>
        <translation>%1 ist kein FlowEngine-Workflow: %2</translation>
    </message>
    <message numerus="yes">
        <source>Imported %1: everything was converted (%n node(s))</source>
        <translation>
            <numerusform>%1 importiert: Alles wurde konvertiert (%n Knoten)</numerusform>
            <numerusform>%1 importiert: Alles wurde konvertiert (%n Knoten)</numerusform>
        </translation>
    </message>
    <message>
        <source>Imported %1; not converted:
%2</source>
        <translation>%1 importiert; nicht konvertiert:
%2</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::TextFieldEditor</name>
    <message>
        <source>One item per line</source>
        <translation>Ein Eintrag pro Zeile</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::WelcomeView</name>
    <message>
        <source>Welcome to Flowstudio</source>
        <translation>Willkommen bei Flowstudio</translation>
    </message>
    <message>
        <source>Build workflows as a node graph, keep them as readable YAML, and run them here or headless with flowrun.</source>
        <translation>Workflows als Knotengraph erstellen, als lesbares YAML speichern und hier oder headless mit flowrun ausführen.</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>New Workflow</source>
        <translation>Neuer Workflow</translation>
    </message>
    <message>
        <source>Open a Workflow File…</source>
        <translation>Workflow-Datei öffnen…</translation>
    </message>
    <message>
        <source>Recent</source>
        <translation>Zuletzt verwendet</translation>
    </message>
    <message>
        <source>%1 (no longer exists)</source>
        <translation>%1 (existiert nicht mehr)</translation>
    </message>
    <message>
        <source>Files you open or save appear here.</source>
        <translation>Von Ihnen geöffnete oder gespeicherte Dateien erscheinen hier.</translation>
    </message>
    <message>
        <source>Examples</source>
        <translation>Beispiele</translation>
    </message>
    <message>
        <source>Each opens as your own copy: explore it, run it, change it.</source>
        <translation>Jedes Beispiel wird als eigene Kopie geöffnet: erkunden, ausführen, ändern.</translation>
    </message>
    <message>
        <source>Could not copy the example &quot;%1&quot;</source>
        <translation>Das Beispiel &quot;%1&quot; konnte nicht kopiert werden</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::WorkflowSession</name>
    <message>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <source>Untitled workflow</source>
        <translation>Unbenannter Workflow</translation>
    </message>
    <message>
        <source>Cannot open %1: %2</source>
        <translation>%1 kann nicht geöffnet werden: %2</translation>
    </message>
    <message>
        <source>%1 is too large to be a workflow file.</source>
        <translation>%1 ist zu groß für eine Workflow-Datei.</translation>
    </message>
    <message>
        <source>Cannot save %1: %2</source>
        <translation>%1 kann nicht gespeichert werden: %2</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::YamlEditor</name>
    <message>
        <source>Error</source>
        <translation>Fehler</translation>
    </message>
    <message>
        <source>Warning</source>
        <translation>Warnung</translation>
    </message>
</context>
<context>
    <name>Flow::Studio::YamlPane</name>
    <message>
        <source>The YAML text does not parse (line %1: %2). The canvas shows the last valid state.</source>
        <translation>Der YAML-Text ist fehlerhaft (Zeile %1: %2). Die Arbeitsfläche zeigt den letzten gültigen Stand.</translation>
    </message>
    <message>
        <source>The YAML text does not parse. The canvas shows the last valid state.</source>
        <translation>Der YAML-Text ist fehlerhaft. Die Arbeitsfläche zeigt den letzten gültigen Stand.</translation>
    </message>
</context>
<context>
    <name>Flow::TimelineView</name>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation>%1 min</translation>
    </message>
    <message>
        <source>%1 h</source>
        <translation>%1 h</translation>
    </message>
    <message>
        <source>now</source>
        <translation>jetzt</translation>
    </message>
    <message>
        <source>%1 — queued — %2 → %3 (%4)</source>
        <translation>%1 — wartend — %2 → %3 (%4)</translation>
    </message>
    <message>
        <source>%1 — waiting to retry, attempt %2 — %3 → %4 (%5), after: %6</source>
        <translation>%1 — wartet auf Versuch %2 — %3 → %4 (%5), nach: %6</translation>
    </message>
    <message>
        <source>%1 — attempt %2 — %3 → %4 (%5)</source>
        <translation>%1 — Versuch %2 — %3 → %4 (%5)</translation>
    </message>
    <message>
        <source>%1, failed: %2</source>
        <translation>%1, fehlgeschlagen: %2</translation>
    </message>
    <message>
        <source>%1, cancelled</source>
        <translation>%1, abgebrochen</translation>
    </message>
    <message>
        <source>%1, succeeded</source>
        <translation>%1, erfolgreich</translation>
    </message>
    <message>
        <source>%1, running</source>
        <translation>%1, läuft</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1, %2 in all</source>
        <translation>%1, insgesamt %2</translation>
    </message>
</context>
</TS>
