// The .deb as a user gets it: its file list and control fields, then unpacked into a scratch root
// (dpkg -x) and run from there; the desktop entry, metainfo and MIME type checked by the desktop's own
// validators.
#include <QDir>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

namespace {

const QString AppId = QStringLiteral("org.flowstudio.Flowstudio");

struct Result
{
    int exitCode = -1;
    QString out;
    QString err;
};

Result run(const QString &program, const QStringList &args, int timeoutMs = 60000)
{
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    env.insert(QStringLiteral("LC_ALL"), QStringLiteral("C.UTF-8"));
    p.setProcessEnvironment(env);
    p.start(program, args);
    if (!p.waitForStarted() || !p.waitForFinished(timeoutMs))
        return {-1, {}, QStringLiteral("%1 did not finish: %2").arg(program, p.errorString())};
    return {p.exitCode(), QString::fromUtf8(p.readAllStandardOutput()),
            QString::fromUtf8(p.readAllStandardError())};
}

} // namespace

class TestPackage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void fileList_data();
    void fileList();
    void iconSizes_data();
    void iconSizes();
    void control_data();
    void control();
    void installedFlowrun();
    void installedScreenshots_data();
    void installedScreenshots();
    void desktopFileValidates();
    void metainfoValidates();
    void mimeTypeCompiles();

private:
    QString m_deb;
    QStringList m_files;
    QTemporaryDir m_root;
    QString path(const QString &relative) const { return m_root.filePath(relative); }
};

void TestPackage::initTestCase()
{
    const QFileInfoList debs
        = QDir(QStringLiteral(FLOW_DEB_DIR)).entryInfoList({"*.deb"}, QDir::Files, QDir::Time);
    QVERIFY2(!debs.isEmpty(), "no .deb in " FLOW_DEB_DIR " (the package_build fixture makes it)");
    m_deb = debs.first().absoluteFilePath();
    QVERIFY2(m_deb.endsWith(QStringLiteral("flowstudio_%1_amd64.deb").arg(FLOW_PROJECT_VERSION))
                 || m_deb.contains(QStringLiteral("flowstudio_%1_").arg(FLOW_PROJECT_VERSION)),
             qPrintable(m_deb));
    const Result list = run(QStringLiteral("dpkg-deb"), {"--contents", m_deb});
    QCOMPARE(list.exitCode, 0);
    for (const QString &line : list.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
        // "-rwxr-xr-x root/root 123 2026-01-01 00:00 ./usr/bin/flowrun" (links add " -> target")
        const QString name = line.section(QLatin1String(" ./"), 1).section(QLatin1String(" -> "), 0, 0);
        m_files.append(QLatin1Char('/') + name);
    }
    QVERIFY(m_root.isValid());
    const Result unpacked = run(QStringLiteral("dpkg-deb"), {"-x", m_deb, m_root.path()});
    QVERIFY2(unpacked.exitCode == 0, qPrintable(unpacked.err));
}

void TestPackage::fileList_data()
{
    QTest::addColumn<QString>("file");
    for (const QString &file : {
             QStringLiteral("/usr/bin/flowrun"),
             QStringLiteral("/usr/bin/flowstudio"),
             QStringLiteral("/usr/share/applications/%1.desktop").arg(AppId),
             QStringLiteral("/usr/share/metainfo/%1.metainfo.xml").arg(AppId),
             QStringLiteral("/usr/share/mime/packages/%1.xml").arg(AppId),
             QStringLiteral("/usr/share/icons/hicolor/scalable/apps/%1.svg").arg(AppId),
             QStringLiteral("/usr/share/man/man1/flowrun.1.gz"),
             QStringLiteral("/usr/share/man/man1/flowstudio.1.gz"),
             QStringLiteral("/usr/share/bash-completion/completions/flowrun"),
             QStringLiteral("/usr/share/bash-completion/completions/flowstudio"),
             QStringLiteral("/usr/share/zsh/vendor-completions/_flowrun"),
             QStringLiteral("/usr/share/zsh/vendor-completions/_flowstudio"),
             QStringLiteral("/usr/share/flowstudio/schema/workflow.schema.json"),
             QStringLiteral("/usr/share/doc/flowstudio/examples/shell-pipeline.yaml"),
             QStringLiteral("/usr/share/doc/flowstudio/cli.md"),
         })
        QTest::newRow(qPrintable(file)) << file;
}

void TestPackage::fileList()
{
    QFETCH(QString, file);
    QVERIFY2(m_files.contains(file), qPrintable(m_files.join(QLatin1Char('\n'))));
    // Nothing outside /usr, and no build paths leaked in.
    for (const QString &f : std::as_const(m_files))
        QVERIFY2(f == QLatin1String("/") || f.startsWith(QLatin1String("/usr")), qPrintable(f));
}

void TestPackage::iconSizes_data()
{
    QTest::addColumn<int>("size");
    for (int size : {16, 22, 24, 32, 48, 64, 128, 256, 512})
        QTest::addRow("%dpx", size) << size;
}

void TestPackage::iconSizes()
{
    QFETCH(int, size);
    const QImage icon(path(QStringLiteral("usr/share/icons/hicolor/%1x%1/apps/%2.png").arg(size).arg(AppId)));
    QVERIFY(!icon.isNull());
    QCOMPARE(icon.size(), QSize(size, size));
    // Drawn, not blank: the centre is opaque, the rounded corner transparent.
    QCOMPARE(qAlpha(icon.pixel(size / 2, size / 2)), 255);
    QCOMPARE(qAlpha(icon.pixel(0, 0)), 0);
}

void TestPackage::control_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QStringList>("mustContain");
    QTest::newRow("Package") << "Package" << QStringList{"flowstudio"};
    QTest::newRow("Version") << "Version" << QStringList{FLOW_PROJECT_VERSION};
    // From dpkg-shlibdeps: the Debian packages of the libraries the build linked.
    QTest::newRow("Depends") << "Depends"
                             << QStringList{"libqt6core6",      "libqt6gui6",         "libqt6widgets6",
                                            "libqt6svg6",       "libqt6qml6",         "libyaml-cpp0.7",
                                            "libyaml-0-2",      "libqscintilla2-qt6", "libc6",
                                            "libqt6sql6-sqlite"};
    QTest::newRow("Recommends") << "Recommends" << QStringList{"qt6-translations-l10n"};
    QTest::newRow("Description") << "Description" << QStringList{"workflows"};
}

void TestPackage::control()
{
    QFETCH(QString, field);
    QFETCH(QStringList, mustContain);
    const Result r = run(QStringLiteral("dpkg-deb"), {"--field", m_deb, field});
    QCOMPARE(r.exitCode, 0);
    for (const QString &text : mustContain)
        QVERIFY2(r.out.contains(text), qPrintable(field + QLatin1String(": ") + r.out));
}

void TestPackage::installedFlowrun()
{
    const QString flowrun = path(QStringLiteral("usr/bin/flowrun"));
    const Result version = run(flowrun, {"--version"});
    QCOMPARE(version.exitCode, 0);
    QCOMPARE(version.out.trimmed(), QStringLiteral("flowrun %1").arg(FLOW_PROJECT_VERSION));
    const QStringList examples
        = QDir(path(QStringLiteral("usr/share/doc/flowstudio/examples"))).entryList({"*.yaml"}, QDir::Files);
    QVERIFY(examples.size() >= 3);
    QStringList files;
    for (const QString &e : examples)
        files.append(path(QStringLiteral("usr/share/doc/flowstudio/examples/") + e));
    const Result validate = run(flowrun, QStringList{"validate"} + files);
    QVERIFY2(validate.exitCode == 0, qPrintable(validate.err));
    // Stripped: no debug sections left in what users download.
    const Result sections = run(QStringLiteral("objdump"), {"-h", flowrun});
    if (sections.exitCode == 0)
        QVERIFY(!sections.out.contains(QLatin1String(".debug_info")));
}

void TestPackage::installedScreenshots_data()
{
    QTest::addColumn<QString>("example"); // empty: no file, the welcome view
    QTest::newRow("welcome") << QString();
    QTest::newRow("example") << "shell-pipeline.yaml";
}

void TestPackage::installedScreenshots()
{
    QFETCH(QString, example);
    QTemporaryDir out;
    const QString png = out.filePath(QStringLiteral("shot.png"));
    QStringList args{"--screenshot", png, "--size", "1200x800"};
    if (!example.isEmpty())
        args.prepend(path(QStringLiteral("usr/share/doc/flowstudio/examples/") + example));
    const Result r = run(path(QStringLiteral("usr/bin/flowstudio")), args, 90000);
    QVERIFY2(r.exitCode == 0, qPrintable(r.err));
    const QImage image(png);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1200, 800));
}

void TestPackage::desktopFileValidates()
{
    if (QStandardPaths::findExecutable(QStringLiteral("desktop-file-validate")).isEmpty())
        QSKIP("desktop-file-utils is not installed (scripts/setup.sh installs it)");
    const Result r = run(QStringLiteral("desktop-file-validate"),
                         {path(QStringLiteral("usr/share/applications/%1.desktop").arg(AppId))});
    QVERIFY2(r.exitCode == 0 && r.out.trimmed().isEmpty(), qPrintable(r.out + r.err));
}

void TestPackage::metainfoValidates()
{
    if (QStandardPaths::findExecutable(QStringLiteral("appstreamcli")).isEmpty())
        QSKIP("appstream is not installed (scripts/setup.sh installs it)");
    const Result r = run(QStringLiteral("appstreamcli"),
                         {"validate", "--no-net", "--explain",
                          path(QStringLiteral("usr/share/metainfo/%1.metainfo.xml").arg(AppId))});
    QVERIFY2(r.exitCode == 0, qPrintable(r.out + r.err));
}

void TestPackage::mimeTypeCompiles()
{
    if (QStandardPaths::findExecutable(QStringLiteral("update-mime-database")).isEmpty())
        QSKIP("shared-mime-info is not installed");
    // update-mime-database reads the packages of a scratch mime directory and reports bad XML.
    QTemporaryDir mime;
    QVERIFY(QDir(mime.path()).mkpath(QStringLiteral("packages")));
    QVERIFY(QFile::copy(path(QStringLiteral("usr/share/mime/packages/%1.xml").arg(AppId)),
                        mime.filePath(QStringLiteral("packages/%1.xml").arg(AppId))));
    const Result r = run(QStringLiteral("update-mime-database"), {mime.path()});
    // (It also notes that the scratch directory is not on XDG_DATA_DIRS: not a problem of the file.)
    QVERIFY2(r.exitCode == 0 && !r.err.contains(QLatin1String("rror"))
                 && !r.err.contains(QLatin1String("arning")),
             qPrintable(r.err));
    QFile compiled(mime.filePath(QStringLiteral("application/x-flowstudio-workflow.xml")));
    QVERIFY(compiled.open(QIODevice::ReadOnly));
    QVERIFY(compiled.readAll().contains("Flowstudio workflow"));
}

QTEST_GUILESS_MAIN(TestPackage)
#include "tst_package.moc"
