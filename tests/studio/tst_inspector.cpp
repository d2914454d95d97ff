// The inspector in the real main window: generated fields, edits as undo steps, inline errors.
#include "studiotestutil.h"

#include "fieldeditors.h"
#include "filecontroller.h"
#include "inspectorwidget.h"
#include "mainwindow.h"
#include "runoptionseditor.h"
#include "studioapp.h"
#include "documents/workflowsession.h"
#include "yamleditor.h"

#include "canvas/canvaseditor.h"
#include "canvas/graphcontroller.h"
#include "canvas/graphview.h"
#include "model/workflowdocument.h"
#include "model/workflowio.h"

#include <Qsci/qscilexerbash.h>
#include <Qsci/qscilexerjavascript.h>
#include <Qsci/qsciscintilla.h>

#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QUndoStack>
#include <QtTest>

using namespace Flow;
using namespace Flow::Studio;

namespace {

QByteArray threeNodes()
{
    return StudioTest::twoNodes().replace("layout:\n",
                                          "  pause:\n    type: time.delay\n    config: {duration: 1s}\n"
                                          "layout:\n");
}

} // namespace

class tst_Inspector : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true), setApplicationIdentity(); }
    void init();
    void cleanup();
    void showsFieldsOfSelectedNode();
    void codeEditIsOneUndoStep();
    void separateFieldsAreSeparateSteps();
    void boolAndEnumFields();
    void keyValueField();
    void runOptionsReachYaml();
    void invalidTimeoutIsShownNotApplied();
    void validatorMessageShownUnderField();
    void renameUpdatesReferences();
    void undoOutsideRefreshesFields();
    void codeFieldsUseTheLexerOfTheirLanguage();

private:
    QString yaml() const { return m_window->yamlEditor()->text(); }
    QUndoStack *stack() const { return m_window->session()->undoStack(); }
    void select(const QString &id)
    {
        m_window->canvas()->selectNodes({id});
        QCOMPARE(m_window->inspector()->nodeId(), id);
    }
    QTemporaryDir m_dir;
    MainWindow *m_window = nullptr;
};

void tst_Inspector::init()
{
    m_window = new MainWindow;
    m_window->files()->setAutomaticAnswer(FileController::Answer::Discard);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    const QString path = m_dir.filePath(QStringLiteral("inspect.yaml"));
    QVERIFY(StudioTest::writeFile(path, threeNodes()));
    QVERIFY(m_window->files()->openFile(path));
}

void tst_Inspector::cleanup()
{
    delete m_window;
    m_window = nullptr;
}

void tst_Inspector::showsFieldsOfSelectedNode()
{
    InspectorWidget *inspector = m_window->inspector();
    QVERIFY(inspector->nodeId().isEmpty());
    select(QStringLiteral("list"));
    auto command = qobject_cast<CodeFieldEditor *>(inspector->fieldEditor(QStringLiteral("command")));
    QVERIFY(command);
    QCOMPARE(command->editor()->text(), QStringLiteral("ls"));
    QVERIFY(qobject_cast<PathFieldEditor *>(inspector->fieldEditor(QStringLiteral("cwd"))));
    QVERIFY(qobject_cast<KeyValueFieldEditor *>(inspector->fieldEditor(QStringLiteral("env"))));
    QVERIFY(qobject_cast<BoolFieldEditor *>(inspector->fieldEditor(QStringLiteral("allow_failure"))));
    QCOMPARE(inspector->idEdit()->text(), QStringLiteral("list"));
    QVERIFY(inspector->runOptions());

    select(QStringLiteral("show"));
    QVERIFY(qobject_cast<EnumFieldEditor *>(inspector->fieldEditor(QStringLiteral("level"))));
    QVERIFY(!inspector->fieldEditor(QStringLiteral("command")));
    // Several nodes: nothing to edit.
    m_window->canvas()->selectNodes({QStringLiteral("list"), QStringLiteral("show")});
    QVERIFY(inspector->nodeId().isEmpty());
}

void tst_Inspector::codeEditIsOneUndoStep()
{
    select(QStringLiteral("list"));
    auto command
        = qobject_cast<CodeFieldEditor *>(m_window->inspector()->fieldEditor(QStringLiteral("command")));
    QVERIFY(command);
    // Three keystrokes in one field: one undo step.
    command->editor()->setText(QStringLiteral("ls -"));
    command->editor()->setText(QStringLiteral("ls -l"));
    command->editor()->setText(QStringLiteral("ls -la"));
    QCOMPARE(stack()->count(), 1);
    QTRY_VERIFY(yaml().contains(QStringLiteral("command: ls -la")));
    QCOMPARE(m_window->session()->document()->node(u"list")->config.find(u"command")->toString(),
             QStringLiteral("ls -la"));
    stack()->undo();
    QCOMPARE(command->editor()->text(), QStringLiteral("ls"));
    QTRY_COMPARE(yaml().toUtf8(), writeWorkflow(*readWorkflow(threeNodes()).workflow));
}

void tst_Inspector::separateFieldsAreSeparateSteps()
{
    select(QStringLiteral("list"));
    InspectorWidget *inspector = m_window->inspector();
    QTest::keyClicks(inspector->descriptionEdit(), QStringLiteral("Lists"));
    QCOMPARE(stack()->count(), 1);
    auto cwd = qobject_cast<PathFieldEditor *>(inspector->fieldEditor(QStringLiteral("cwd")));
    QTest::keyClicks(cwd->lineEdit(), QStringLiteral("/tmp"));
    QCOMPARE(stack()->count(), 2);
    QTRY_VERIFY(yaml().contains(QStringLiteral("cwd: /tmp")));
    QVERIFY(yaml().contains(QStringLiteral("description: Lists")));
    stack()->undo();
    QTRY_VERIFY(!yaml().contains(QStringLiteral("cwd:")));
    QVERIFY(yaml().contains(QStringLiteral("description: Lists")));
}

void tst_Inspector::boolAndEnumFields()
{
    select(QStringLiteral("list"));
    auto allow = qobject_cast<BoolFieldEditor *>(
        m_window->inspector()->fieldEditor(QStringLiteral("allow_failure")));
    allow->checkBox()->click();
    QTRY_VERIFY(yaml().contains(QStringLiteral("allow_failure: true")));
    allow->checkBox()->click();
    // Back to the default: the key goes away instead of "false" being written.
    QTRY_VERIFY(!yaml().contains(QStringLiteral("allow_failure")));
    QCOMPARE(stack()->count(), 2);

    select(QStringLiteral("show"));
    auto level = qobject_cast<EnumFieldEditor *>(m_window->inspector()->fieldEditor(QStringLiteral("level")));
    level->comboBox()->setCurrentIndex(level->comboBox()->findData(QStringLiteral("warn")));
    QTRY_VERIFY(yaml().contains(QStringLiteral("level: warn")));
}

void tst_Inspector::keyValueField()
{
    select(QStringLiteral("list"));
    auto env = qobject_cast<KeyValueFieldEditor *>(m_window->inspector()->fieldEditor(QStringLiteral("env")));
    env->addRow();
    env->table()->item(0, 0)->setText(QStringLiteral("LC_ALL"));
    env->table()->item(0, 1)->setText(QStringLiteral("C"));
    QTRY_VERIFY(yaml().contains(QStringLiteral("LC_ALL: C")));
    const Value *stored = m_window->session()->document()->node(u"list")->config.find(u"env");
    QVERIFY(stored && stored->isMap());
    QCOMPARE(stored->find(u"LC_ALL")->toString(), QStringLiteral("C"));
}

void tst_Inspector::runOptionsReachYaml()
{
    select(QStringLiteral("list"));
    RunOptionsEditor *options = m_window->inspector()->runOptions();
    QTest::keyClicks(options->timeoutEdit(), QStringLiteral("30s"));
    QTRY_VERIFY(yaml().contains(QStringLiteral("timeout: 30s")));
    options->retryBox()->click();
    QTRY_VERIFY(yaml().contains(QStringLiteral("retry:")));
    QVERIFY(m_window->session()->document()->node(u"list")->retry.has_value());
    options->cacheBox()->click();
    QTRY_VERIFY(yaml().contains(QStringLiteral("cache: true")));
    QTest::keyClicks(options->whenEdit(), QStringLiteral("${{ params.go }}"));
    QCOMPARE(m_window->session()->document()->node(u"list")->when, QStringLiteral("${{ params.go }}"));
    QTest::keyClicks(options->forEachEdit(), QStringLiteral("[\"a\", \"b\"]"));
    QCOMPARE(m_window->session()->document()->node(u"list")->forEach.size(), 2);
}

void tst_Inspector::invalidTimeoutIsShownNotApplied()
{
    select(QStringLiteral("list"));
    RunOptionsEditor *options = m_window->inspector()->runOptions();
    QTest::keyClicks(options->timeoutEdit(), QStringLiteral("5 parsecs"));
    QVERIFY(options->errorText(QStringLiteral("timeout")).contains(QStringLiteral("duration")));
    QVERIFY(!m_window->session()->document()->node(u"list")->timeout.has_value());
    options->timeoutEdit()->clear();
    QTest::keyClicks(options->timeoutEdit(), QStringLiteral("5m"));
    QVERIFY(options->errorText(QStringLiteral("timeout")).isEmpty());
    QCOMPARE(m_window->session()->document()->node(u"list")->timeout, std::optional<Millis>(Millis(300000)));
}

void tst_Inspector::validatorMessageShownUnderField()
{
    select(QStringLiteral("pause"));
    auto duration
        = qobject_cast<LineFieldEditor *>(m_window->inspector()->fieldEditor(QStringLiteral("duration")));
    QVERIFY(duration);
    duration->lineEdit()->clear();
    QTest::keyClicks(duration->lineEdit(), QStringLiteral("soon"));
    // The text reaches the file (it is the user's), and the message sits under the field.
    QTRY_VERIFY(yaml().contains(QStringLiteral("duration: soon")));
    QTRY_VERIFY(!m_window->inspector()->errorText(QStringLiteral("duration")).isEmpty());
    QVERIFY(m_window->yamlEditor()->diagnostics().size() >= 1);
    QTest::keyClick(duration->lineEdit(), Qt::Key_A, Qt::ControlModifier);
    QTest::keyClicks(duration->lineEdit(), QStringLiteral("2s"));
    QTRY_VERIFY(m_window->inspector()->errorText(QStringLiteral("duration")).isEmpty());
}

void tst_Inspector::renameUpdatesReferences()
{
    select(QStringLiteral("list"));
    QLineEdit *id = m_window->inspector()->idEdit();
    id->setText(QStringLiteral("listing"));
    emit id->editingFinished();
    QVERIFY(m_window->session()->document()->node(u"listing"));
    QCOMPARE(m_window->session()->document()->node(u"show")->inputs.first().sourceNode,
             QStringLiteral("listing"));
    QCOMPARE(m_window->inspector()->nodeId(), QStringLiteral("listing"));
    QTRY_VERIFY(yaml().contains(QStringLiteral("message: listing.stdout")));
    // An id that is taken is refused with a message, and the field shows the old id again.
    QLineEdit *again = m_window->inspector()->idEdit();
    again->setText(QStringLiteral("show"));
    emit again->editingFinished();
    QVERIFY(m_window->session()->document()->node(u"listing"));
    QCOMPARE(m_window->inspector()->idEdit()->text(), QStringLiteral("listing"));
}

void tst_Inspector::undoOutsideRefreshesFields()
{
    select(QStringLiteral("pause"));
    auto duration
        = qobject_cast<LineFieldEditor *>(m_window->inspector()->fieldEditor(QStringLiteral("duration")));
    duration->lineEdit()->selectAll();
    QTest::keyClicks(duration->lineEdit(), QStringLiteral("3s"));
    QCOMPARE(duration->lineEdit()->text(), QStringLiteral("3s"));
    stack()->undo();
    QCOMPARE(duration->lineEdit()->text(), QStringLiteral("1s"));
    // A YAML edit shows up in the inspector too.
    QByteArray text = m_window->yamlEditor()->text().toUtf8();
    text.replace("duration: 1s", "duration: 9s");
    m_window->yamlEditor()->setText(QString::fromUtf8(text));
    QTRY_COMPARE(
        static_cast<LineFieldEditor *>(m_window->inspector()->fieldEditor(QStringLiteral("duration")))
            ->lineEdit()
            ->text(),
        QStringLiteral("9s"));
}

void tst_Inspector::codeFieldsUseTheLexerOfTheirLanguage()
{
    const QString id
        = m_window->canvas()->controller()->addNode(QStringLiteral("script.js"), QPointF(0, 300));
    select(id);
    auto code = qobject_cast<CodeFieldEditor *>(m_window->inspector()->fieldEditor(QStringLiteral("code")));
    QVERIFY(code);
    QVERIFY(qobject_cast<QsciLexerJavaScript *>(code->editor()->lexer()));
    code->editor()->setText(QStringLiteral("return 1 + 1;"));
    QTRY_VERIFY(yaml().contains(QStringLiteral("code: return 1 + 1;")));
    select(QStringLiteral("list"));
    auto command
        = qobject_cast<CodeFieldEditor *>(m_window->inspector()->fieldEditor(QStringLiteral("command")));
    QVERIFY(qobject_cast<QsciLexerBash *>(command->editor()->lexer()));
    // An argv list: one argument per line.
    command->modeBox()->setCurrentIndex(1);
    command->editor()->setText(QStringLiteral("ls\n-la"));
    QTRY_VERIFY(yaml().contains(QStringLiteral("command: [ls, \"-la\"]")));
    QVERIFY(m_window->session()->document()->node(u"list")->config.find(u"command")->isList());
}

QTEST_MAIN(tst_Inspector)
#include "tst_inspector.moc"
