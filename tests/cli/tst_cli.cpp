// Black-box tests of `flowrun`: the real binary, real files, real exit codes and output.
#include "nodes/registry.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

namespace {

struct Result
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    QStringList errLines() const
    {
        return QString::fromUtf8(err).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    }
};

Result flowrun(const QStringList &args, const QString &workDir = {}, const QByteArray &input = {})
{
    QProcess process;
    if (!workDir.isEmpty())
        process.setWorkingDirectory(workDir);
    process.start(QStringLiteral(FLOWRUN_PATH), args);
    if (!process.waitForStarted(10000))
        return {};
    process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(30000)) {
        process.kill();
        process.waitForFinished();
        return {};
    }
    Result r;
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    return r;
}

QString sourcePath(const QString &relative)
{
    return QStringLiteral(FLOW_SOURCE_DIR "/") + relative;
}

QStringList workflowFiles(const QString &relativeDir)
{
    QStringList files;
    const QDir dir(sourcePath(relativeDir));
    for (const QFileInfo &info : dir.entryInfoList({"*.yaml", "*.yml"}, QDir::Files, QDir::Name))
        files.append(info.absoluteFilePath());
    return files;
}

QStringList examples()
{
    return workflowFiles(QStringLiteral("resources/examples"));
}

QStringList invalidFiles()
{
    return workflowFiles(QStringLiteral("tests/data/invalid"));
}

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray("<unreadable>");
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly | QIODevice::Truncate) && file.write(bytes) == bytes.size();
}

// `name.expected` beside `name.yaml`: lines "LINE:COL: fragment of the message".
struct Expectation
{
    QString location; // "LINE:COL"
    QString fragment;
};

QList<Expectation> expectationsFor(const QString &yamlPath)
{
    QList<Expectation> result;
    const QString expectedPath = QFileInfo(yamlPath).path() + QLatin1Char('/')
                                 + QFileInfo(yamlPath).completeBaseName() + QStringLiteral(".expected");
    static const QRegularExpression lineRe(QStringLiteral("^(\\d+:\\d+):\\s*(.*)$"));
    for (const QString &line : QString::fromUtf8(readAll(expectedPath)).split(QLatin1Char('\n'))) {
        const QString trimmed = line.trimmed();
        if (trimmed.isEmpty() || trimmed.startsWith(QLatin1Char('#')))
            continue;
        const QRegularExpressionMatch m = lineRe.match(trimmed);
        if (m.hasMatch())
            result.append({m.captured(1), m.captured(2).trimmed()});
        else
            result.append({QStringLiteral("<malformed .expected line>"), trimmed});
    }
    return result;
}

void addFileRows(const QStringList &files)
{
    QTest::addColumn<QString>("path");
    for (const QString &file : files)
        QTest::newRow(qPrintable(QFileInfo(file).fileName())) << file;
}

} // namespace

class TestCli : public QObject
{
    Q_OBJECT

private slots:
    void helpAndVersion_data();
    void helpAndVersion();
    void usageErrors_data();
    void usageErrors();

    void examplesExist();
    void validateExample_data() { addFileRows(examples()); }
    void validateExample();
    void validateInvalid_data() { addFileRows(invalidFiles()); }
    void validateInvalid();
    void validateManyFiles();
    void validateUnreadable_data();
    void validateUnreadable();
    void validateStdin();

    void fmtIsIdempotent_data() { addFileRows(examples()); }
    void fmtIsIdempotent();
    void fmtCheckRejectsNonCanonical_data();
    void fmtCheckRejectsNonCanonical();
    void fmtRefusesFileWithErrors_data() { addFileRows(invalidFiles()); }
    void fmtRefusesFileWithErrors();
    void fmtLeavesCanonicalFileUntouched();
    void fmtKeepsPermissionsAndSymlinks();
    void fmtStdinToStdout();
    void fmtManyFiles();

    void nodesJson();
    void nodesText();

private:
    // A canonical copy of the first example in `dir`, or empty when there is no example yet.
    QString canonicalExampleCopy(const QTemporaryDir &dir, const QString &name);
};

void TestCli::helpAndVersion_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("mustContain");
    const QStringList commandNames{"validate", "fmt",    "nodes",          "run",
                                   "serve",    "watch", "Drops comments", "Never modifies a file"};
    QTest::newRow("--help") << QStringList{"--help"} << commandNames;
    QTest::newRow("-h") << QStringList{"-h"} << commandNames;
    QTest::newRow("help") << QStringList{"help"} << commandNames;
    QTest::newRow("--version") << QStringList{"--version"} << QStringList{"flowrun " FLOW_VERSION};
    QTest::newRow("help fmt") << QStringList{"help", "fmt"}
                              << QStringList{"flowrun fmt", "--check", "Comments are dropped"};
    QTest::newRow("fmt --help") << QStringList{"fmt", "--help"} << QStringList{"--check"};
    QTest::newRow("help validate") << QStringList{"help", "validate"}
                                   << QStringList{"flowrun validate", "FILE:LINE:COL: error: MESSAGE"};
    QTest::newRow("help nodes") << QStringList{"help", "nodes"} << QStringList{"--json"};
    QTest::newRow("help serve") << QStringList{"help", "serve"} << QStringList{"--listen", "--token-file"};
    QTest::newRow("help watch") << QStringList{"help", "watch"} << QStringList{"--start", "--after", "--json"};
}

void TestCli::helpAndVersion()
{
    QFETCH(QStringList, args);
    QFETCH(QStringList, mustContain);
    const Result r = flowrun(args);
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.isEmpty(), r.err.constData());
    for (const QString &text : mustContain)
        QVERIFY2(r.out.contains(text.toUtf8()), qPrintable(text + QStringLiteral(" missing in:\n") + r.out));
}

void TestCli::usageErrors_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("stderrContains");
    QTest::newRow("no command") << QStringList{} << "Usage: flowrun";
    QTest::newRow("unknown command") << QStringList{"frobnicate"} << "unknown command 'frobnicate'";
    QTest::newRow("unknown help topic") << QStringList{"help", "frobnicate"} << "unknown command";
    QTest::newRow("validate without files") << QStringList{"validate"} << "no files given";
    QTest::newRow("fmt without files") << QStringList{"fmt", "--check"} << "no files given";
    QTest::newRow("unknown option") << QStringList{"validate", "--bogus", "x.yaml"} << "bogus";
    QTest::newRow("serve beyond loopback without a token")
        << QStringList{"serve", "--listen", "0.0.0.0:0"} << "without a token";
    QTest::newRow("serve bad listen") << QStringList{"serve", "--listen", "nowhere"} << "HOST:PORT";
    QTest::newRow("watch without URL") << QStringList{"watch"} << "give a server URL";
    QTest::newRow("watch bad URL") << QStringList{"watch", "http://x"} << "ws://";
}

void TestCli::usageErrors()
{
    QFETCH(QStringList, args);
    QFETCH(QString, stderrContains);
    const Result r = flowrun(args);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QVERIFY2(r.err.contains(stderrContains.toUtf8()), r.err.constData());
}

void TestCli::examplesExist()
{
    QVERIFY(!examples().isEmpty());
    QVERIFY(QFileInfo::exists(sourcePath(QStringLiteral("resources/examples/shell-pipeline.yaml"))));
}

void TestCli::validateExample()
{
    QFETCH(QString, path);
    const Result r = flowrun({"validate", path});
    QVERIFY2(r.err.isEmpty(), r.err.constData());
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.isEmpty());

    const Result verbose = flowrun({"validate", "--verbose", path});
    QCOMPARE(verbose.exitCode, 0);
    QCOMPARE(verbose.err, (path + QStringLiteral(": ok\n")).toUtf8());
}

void TestCli::validateInvalid()
{
    QFETCH(QString, path);
    const QList<Expectation> expected = expectationsFor(path);
    QVERIFY2(!expected.isEmpty(), "every invalid file needs a .expected file with at least one line");

    // Run from the file's folder with a relative name: the prefix is then exactly "name.yaml:".
    const QFileInfo info(path);
    const Result r = flowrun({"validate", info.fileName()}, info.path());
    QCOMPARE(r.exitCode, 1);
    QVERIFY(r.out.isEmpty());
    const QStringList lines = r.errLines();
    for (const Expectation &e : expected) {
        const QString prefix = QStringLiteral("%1:%2: error: ").arg(info.fileName(), e.location);
        const bool found = std::any_of(lines.begin(), lines.end(), [&](const QString &line) {
            return line.startsWith(prefix) && line.mid(prefix.size()).contains(e.fragment);
        });
        QVERIFY2(found, qPrintable(QStringLiteral("expected \"%1%2\" in:\n%3")
                                       .arg(prefix, e.fragment, QString::fromUtf8(r.err))));
    }
    // Nothing but diagnostics in the compiler format.
    static const QRegularExpression format(QStringLiteral("^[^:]+:\\d+:\\d+: (error|warning): \\S"));
    for (const QString &line : lines)
        QVERIFY2(format.match(line).hasMatch(), qPrintable(line));
}

void TestCli::validateManyFiles()
{
    const QStringList valid = examples();
    const QStringList invalid = invalidFiles();
    if (valid.isEmpty() || invalid.isEmpty())
        QSKIP("needs at least one example and one invalid file");

    const Result allValid = flowrun(QStringList{"validate"} + valid);
    QCOMPARE(allValid.exitCode, 0);
    QVERIFY2(allValid.err.isEmpty(), allValid.err.constData());

    // One bad file among good ones fails the run; every problem names the bad file, and a missing file
    // does not stop the files after it from being checked.
    const QString missing = QStringLiteral("/nonexistent/flowrun-test.yaml");
    const Result mixed
        = flowrun(QStringList{"validate", valid.first(), missing, invalid.first(), valid.last()});
    QCOMPARE(mixed.exitCode, 1);
    const QStringList lines = mixed.errLines();
    QVERIFY(!lines.isEmpty());
    bool sawInvalid = false;
    for (const QString &line : lines) {
        QVERIFY2(line.startsWith(invalid.first() + QLatin1Char(':'))
                     || line.startsWith(missing + QLatin1Char(':')),
                 qPrintable(line));
        sawInvalid = sawInvalid || line.startsWith(invalid.first() + QLatin1Char(':'));
    }
    QVERIFY(sawInvalid);
    QVERIFY(mixed.err.contains((missing + QStringLiteral(": error: cannot read")).toUtf8()));
}

void TestCli::validateUnreadable_data()
{
    QTest::addColumn<QString>("path");
    QTest::newRow("missing file") << QStringLiteral("/nonexistent/flow.yaml");
    QTest::newRow("directory") << QDir::tempPath();
}

void TestCli::validateUnreadable()
{
    QFETCH(QString, path);
    const Result r = flowrun({"validate", path});
    QCOMPARE(r.exitCode, 1);
    QVERIFY2(r.err.startsWith((path + QStringLiteral(": error: cannot read: ")).toUtf8()), r.err.constData());
}

void TestCli::validateStdin()
{
    if (examples().isEmpty() || invalidFiles().isEmpty())
        QSKIP("needs at least one example and one invalid file");
    const Result good = flowrun({"validate", "-"}, {}, readAll(examples().first()));
    QCOMPARE(good.exitCode, 0);
    QVERIFY2(good.err.isEmpty(), good.err.constData());

    const Result bad = flowrun({"validate", "-"}, {}, readAll(invalidFiles().first()));
    QCOMPARE(bad.exitCode, 1);
    QVERIFY2(bad.err.startsWith("<stdin>:"), bad.err.constData());
}

void TestCli::fmtIsIdempotent()
{
    QFETCH(QString, path);
    QTemporaryDir dir;
    const QString copy = dir.filePath(QFileInfo(path).fileName());
    QVERIFY(QFile::copy(path, copy));

    const Result first = flowrun({"fmt", copy});
    QVERIFY2(first.err.isEmpty(), first.err.constData());
    QCOMPARE(first.exitCode, 0);
    const QByteArray once = readAll(copy);
    QVERIFY(once.endsWith('\n'));
    QVERIFY(!once.contains('\r'));

    QCOMPARE(flowrun({"fmt", copy}).exitCode, 0);
    QCOMPARE(readAll(copy), once);

    const Result check = flowrun({"fmt", "--check", copy});
    QCOMPARE(check.exitCode, 0);
    QVERIFY2(check.err.isEmpty(), check.err.constData());
    QCOMPARE(flowrun({"validate", copy}).exitCode, 0);
}

void TestCli::fmtCheckRejectsNonCanonical_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("prefix");
    QTest::addColumn<QByteArray>("suffix");
    for (const QString &file : examples()) {
        const QByteArray name = QFileInfo(file).fileName().toUtf8();
        QTest::newRow(QByteArray(name + " comment").constData())
            << file << QByteArray("# a comment fmt drops\n") << QByteArray();
        QTest::newRow(QByteArray(name + " blank lines").constData())
            << file << QByteArray() << QByteArray("\n\n\n");
        QTest::newRow(QByteArray(name + " document marker").constData())
            << file << QByteArray("---\n") << QByteArray();
    }
}

void TestCli::fmtCheckRejectsNonCanonical()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, prefix);
    QFETCH(QByteArray, suffix);
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("ugly.yaml"));
    QVERIFY(QFile::copy(path, file));
    QCOMPARE(flowrun({"fmt", file}).exitCode, 0);
    const QByteArray canonical = readAll(file);
    const QByteArray ugly = prefix + canonical + suffix;
    QVERIFY(writeAll(file, ugly));
    QCOMPARE(flowrun({"validate", file}).exitCode, 0); // still the same, valid workflow

    const Result check = flowrun({"fmt", "--check", file});
    QCOMPARE(check.exitCode, 1);
    QCOMPARE(check.err, (file + QStringLiteral(": not canonical\n")).toUtf8());
    QCOMPARE(readAll(file), ugly);

    QCOMPARE(flowrun({"fmt", file}).exitCode, 0);
    QCOMPARE(readAll(file), canonical);
}

void TestCli::fmtRefusesFileWithErrors()
{
    QFETCH(QString, path);
    QTemporaryDir dir;
    const QString copy = dir.filePath(QFileInfo(path).fileName());
    QVERIFY(QFile::copy(path, copy));
    const QByteArray before = readAll(copy);

    for (const QStringList &args : {QStringList{"fmt", copy}, QStringList{"fmt", "--check", copy}}) {
        const Result r = flowrun(args);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains(": error: "), r.err.constData());
        QVERIFY2(r.err.contains((copy + QStringLiteral(": not formatted: fix the errors first")).toUtf8()),
                 r.err.constData());
        QCOMPARE(readAll(copy), before);
    }
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden).size(), 1); // no temporary left behind
}

QString TestCli::canonicalExampleCopy(const QTemporaryDir &dir, const QString &name)
{
    if (examples().isEmpty())
        return {};
    const QString file = dir.filePath(name);
    if (!QFile::copy(examples().first(), file) || flowrun({"fmt", file}).exitCode != 0)
        return {};
    return file;
}

void TestCli::fmtLeavesCanonicalFileUntouched()
{
    QTemporaryDir dir;
    const QString file = canonicalExampleCopy(dir, QStringLiteral("canonical.yaml"));
    if (file.isEmpty())
        QSKIP("needs an example");
    const QDateTime old = QDateTime::fromString(QStringLiteral("2001-02-03T04:05:06Z"), Qt::ISODate);
    {
        QFile f(file);
        QVERIFY(f.open(QIODevice::ReadWrite));
        QVERIFY(f.setFileTime(old, QFileDevice::FileModificationTime));
    }
    const Result r = flowrun({"fmt", "--verbose", file});
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.err, (file + QStringLiteral(": unchanged\n")).toUtf8());
    QCOMPARE(QFileInfo(file).lastModified(), old);
}

void TestCli::fmtKeepsPermissionsAndSymlinks()
{
    QTemporaryDir dir;
    const QString file = canonicalExampleCopy(dir, QStringLiteral("real.yaml"));
    if (file.isEmpty())
        QSKIP("needs an example");
    const QByteArray canonical = readAll(file);
    QVERIFY(writeAll(file, "# comment\n" + canonical));
    const auto permissions = QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup;
    QVERIFY(QFile::setPermissions(file, permissions));
    const QString link = dir.filePath(QStringLiteral("link.yaml"));
    QVERIFY(QFile::link(file, link));

    // Formatting through a link rewrites the file it points to and leaves the link a link.
    QCOMPARE(flowrun({"fmt", link}).exitCode, 0);
    QVERIFY(QFileInfo(link).isSymLink());
    QCOMPARE(readAll(file), canonical);
    QCOMPARE(QFileInfo(file).permissions() & 0x7077, permissions & 0x7077); // owner, group, other
}

void TestCli::fmtStdinToStdout()
{
    QTemporaryDir dir;
    const QString file = canonicalExampleCopy(dir, QStringLiteral("canonical.yaml"));
    if (file.isEmpty())
        QSKIP("needs an example");
    const QByteArray canonical = readAll(file);
    const Result r = flowrun({"fmt", "-"}, {}, "# comment\n" + canonical);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.out, canonical);

    const Result check = flowrun({"fmt", "--check", "-"}, {}, "# comment\n" + canonical);
    QCOMPARE(check.exitCode, 1);
    QVERIFY(check.out.isEmpty());
    QCOMPARE(check.err, QByteArray("<stdin>: not canonical\n"));
}

void TestCli::fmtManyFiles()
{
    QTemporaryDir dir;
    const QString good = canonicalExampleCopy(dir, QStringLiteral("good.yaml"));
    if (good.isEmpty() || invalidFiles().isEmpty())
        QSKIP("needs an example and an invalid file");
    const QByteArray canonical = readAll(good);
    QVERIFY(writeAll(good, "# comment\n" + canonical));
    const QString bad = dir.filePath(QStringLiteral("bad.yaml"));
    QVERIFY(QFile::copy(invalidFiles().first(), bad));
    const QByteArray badBefore = readAll(bad);

    // The bad file is reported, the good one is still formatted.
    const Result r = flowrun({"fmt", bad, good});
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(readAll(good), canonical);
    QCOMPARE(readAll(bad), badBefore);
}

void TestCli::nodesJson()
{
    const Result r = flowrun({"nodes", "--json"});
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(r.err.isEmpty(), r.err.constData());
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(r.out, &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(doc.object().value("version").toInt(), 1);

    const QJsonArray nodes = doc.object().value("nodes").toArray();
    QStringList listed;
    QJsonObject shell;
    for (const QJsonValue &v : nodes) {
        const QJsonObject node = v.toObject();
        for (const char *key : {"type", "title", "category", "description", "icon"})
            QVERIFY2(node.value(key).isString(), key);
        for (const char *key : {"inputs", "outputs", "config"})
            QVERIFY2(node.value(key).isArray(), key);
        for (const char *key : {"dynamic_inputs", "dynamic_outputs", "runnable"})
            QVERIFY2(node.value(key).isBool(), key);
        for (const QJsonValue &f : node.value("config").toArray()) {
            const QJsonObject field = f.toObject();
            QVERIFY(field.value("name").isString() && field.value("kind").isString());
            QVERIFY(field.value("required").isBool() && field.value("choices").isArray());
            QVERIFY(field.contains("default"));
        }
        listed.append(node.value("type").toString());
        if (listed.last() == QLatin1String("shell.exec"))
            shell = node;
    }
    QStringList registered;
    for (const Flow::NodeTypeInfo *t : Flow::NodeRegistry::builtins().all())
        registered.append(t->id);
    QCOMPARE(listed, registered);

    auto names = [](const QJsonArray &array) {
        QStringList result;
        for (const QJsonValue &v : array)
            result.append(v.toObject().value("name").toString());
        return result;
    };
    QCOMPARE(shell.value("category").toString(), QStringLiteral("System"));
    QCOMPARE(names(shell.value("inputs").toArray()), QStringList{"stdin"});
    QCOMPARE(names(shell.value("outputs").toArray()), (QStringList{"stdout", "stderr", "exit_code"}));
    const QJsonObject command = shell.value("config").toArray().first().toObject();
    QCOMPARE(command.value("name").toString(), QStringLiteral("command"));
    QCOMPARE(command.value("kind").toString(), QStringLiteral("command"));
    QCOMPARE(command.value("required").toBool(), true);
}

void TestCli::nodesText()
{
    const Result all = flowrun({"nodes"});
    QCOMPARE(all.exitCode, 0);
    for (const Flow::NodeTypeInfo *t : Flow::NodeRegistry::builtins().all())
        QVERIFY2(all.out.contains((t->id + QStringLiteral(" - ") + t->title).toUtf8()), qPrintable(t->id));

    const Result one = flowrun({"nodes", "shell.exec"});
    QCOMPARE(one.exitCode, 0);
    QVERIFY(one.out.startsWith("shell.exec - "));
    QVERIFY(one.out.contains("outputs: stdout, stderr, exit_code"));
    QVERIFY(!one.out.contains("http.request"));

    const Result unknown = flowrun({"nodes", "no.such"});
    QCOMPARE(unknown.exitCode, 1);
    QVERIFY(unknown.err.contains("unknown node type 'no.such'"));
}

QTEST_GUILESS_MAIN(TestCli)
#include "tst_cli.moc"
