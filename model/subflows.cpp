// Sub-workflow files: resolving, loading, and the checks across files (cycles, params, outputs).
#include "subflows.h"

#include "validator.h"
#include "workflowio.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>

namespace Flow {
namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Flow::Subflows", text);
}

// Deeper than this is surely a mistake (and would be slow to check); reported, not followed.
constexpr int MaxDepth = 32;

QString canonical(const QString &path)
{
    const QString c = QFileInfo(path).canonicalFilePath();
    return c.isEmpty() ? QDir::cleanPath(path) : c;
}

class SubflowChecker
{
public:
    explicit SubflowChecker(const NodeTypeCatalog *catalog)
        : m_catalog(catalog)
    {}

    // Problems of `workflow` (read from `file`), with `stack` the canonical files including it.
    Diagnostics check(const Workflow &workflow, const QString &file, QStringList stack)
    {
        Diagnostics out;
        stack.append(canonical(file));
        for (const Node &node : workflow.nodes) {
            if (node.type != QStringView(SubflowType))
                continue;
            const Value *path = literalSubflowPath(node);
            if (!path)
                continue;
            checkNode(workflow, node, *path, file, stack, out);
        }
        return out;
    }

private:
    void checkNode(const Workflow &workflow, const Node &node, const Value &pathValue, const QString &file,
                   const QStringList &stack, Diagnostics &out)
    {
        const QString written = pathValue.toString();
        const SourcePos at = pathValue.pos.isValid() ? pathValue.pos : node.pos;
        auto report = [&](const QString &message, SourcePos pos = {}) {
            Diagnostic d;
            d.pos = pos.isValid() ? pos : at;
            d.message = message;
            d.nodeId = node.id;
            out.append(d);
        };
        const QString resolved = resolveSubflowPath(written, file);
        const QString key = canonical(resolved);
        if (const qsizetype i = stack.indexOf(key); i >= 0) {
            QStringList chain;
            for (qsizetype j = i; j < stack.size(); ++j)
                chain.append(QFileInfo(stack.at(j)).fileName());
            chain.append(QFileInfo(key).fileName());
            report(tr("node '%1' includes a workflow that includes itself: %2")
                       .arg(node.id, chain.join(QStringLiteral(" → "))));
            return;
        }
        if (stack.size() >= MaxDepth) {
            report(tr("node '%1': sub-workflows nest deeper than %2 levels").arg(node.id).arg(MaxDepth));
            return;
        }
        const SubflowFile &sub = load(key);
        if (!sub.readError.isEmpty() || !sub.workflow || hasErrors(sub.diagnostics)) {
            report(tr("node '%1': sub-workflow %2").arg(node.id, subflowProblemText(sub, written)));
            return;
        }
        checkParams(node, *sub.workflow, written, report);
        checkOutputsRead(workflow, node, *sub.workflow, written, out);
        for (const Diagnostic &inner : check(*sub.workflow, key, stack)) {
            report(tr("node '%1': in %2: %3")
                       .arg(node.id,
                            QStringLiteral("%1:%2:%3").arg(written).arg(inner.pos.line).arg(inner.pos.column),
                            inner.message));
        }
    }

    template<typename Report>
    void checkParams(const Node &node, const Workflow &sub, const QString &written, Report &report)
    {
        QHash<QString, SourcePos> given;
        if (const Value *params = node.config.find(u"params"); params && params->isMap()) {
            for (const Value::Entry &e : params->map())
                given.insert(e.first, e.second.keyPos.isValid() ? e.second.keyPos : e.second.pos);
        }
        for (const InputBinding &b : node.inputs)
            given.insert(b.port, b.pos);
        QStringList declared;
        for (const ParamSpec &p : sub.params)
            declared.append(p.name);
        for (auto it = given.cbegin(); it != given.cend(); ++it) {
            if (!declared.contains(it.key())) {
                report(tr("node '%1' gives param '%2', but %3 has no such param (it has: %4)")
                           .arg(node.id, it.key(), written,
                                declared.isEmpty() ? tr("none") : declared.join(QStringLiteral(", "))),
                       it.value());
            }
        }
        for (const ParamSpec &p : sub.params) {
            if (p.defaultValue.isNull() && !given.contains(p.name))
                report(tr("node '%1' does not give param '%2', which %3 requires")
                           .arg(node.id, p.name, written));
        }
    }

    // Bindings elsewhere in the calling workflow that read an output the sub-workflow does not declare.
    void checkOutputsRead(const Workflow &workflow, const Node &node, const Workflow &sub,
                          const QString &written, Diagnostics &out)
    {
        QStringList declared;
        for (const OutputBinding &o : sub.outputs)
            declared.append(o.name);
        for (const Node &reader : workflow.nodes) {
            for (const InputBinding &b : reader.inputs) {
                if (b.sourceNode != node.id || declared.contains(b.sourcePort))
                    continue;
                Diagnostic d;
                d.pos = b.pos;
                d.nodeId = reader.id;
                d.message = tr("node '%1' reads '%2.%3', but %4 declares no output '%3' (it has: %5)")
                                .arg(reader.id, node.id, b.sourcePort, written,
                                     declared.isEmpty() ? tr("none") : declared.join(QStringLiteral(", ")));
                out.append(d);
            }
        }
    }

    const SubflowFile &load(const QString &key)
    {
        auto it = m_files.find(key);
        if (it == m_files.end())
            it = m_files.insert(key, loadSubflowFile(key, m_catalog));
        return *it;
    }

    const NodeTypeCatalog *m_catalog;
    QHash<QString, SubflowFile> m_files;
};

} // namespace

const Value *literalSubflowPath(const Node &node)
{
    const Value *path = node.config.find(u"path");
    if (!path || !path->isString() || path->toString().isEmpty() || path->toString().contains(u"${{"))
        return nullptr;
    return path;
}

QString resolveSubflowPath(const QString &path, const QString &callerFile, const QString &fallbackDir)
{
    if (QDir::isAbsolutePath(path))
        return QDir::cleanPath(path);
    const QString dir = !callerFile.isEmpty()    ? QFileInfo(callerFile).absolutePath()
                        : !fallbackDir.isEmpty() ? fallbackDir
                                                 : QDir::currentPath();
    return QDir::cleanPath(QDir(dir).absoluteFilePath(path));
}

SubflowFile loadSubflowFile(const QString &absolutePath, const NodeTypeCatalog *catalog)
{
    SubflowFile result;
    QFile file(absolutePath);
    if (QFileInfo(absolutePath).isDir()) {
        result.readError = tr("%1 is a directory").arg(absolutePath);
        return result;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        result.readError = file.exists() ? tr("cannot read %1: %2").arg(absolutePath, file.errorString())
                                         : tr("%1 does not exist").arg(absolutePath);
        return result;
    }
    LoadResult loaded = loadAndValidate(file.readAll(), catalog);
    result.workflow = std::move(loaded.workflow);
    result.diagnostics = std::move(loaded.diagnostics);
    return result;
}

QString subflowProblemText(const SubflowFile &file, const QString &displayPath)
{
    if (!file.readError.isEmpty())
        return file.readError;
    Diagnostics errors;
    for (const Diagnostic &d : file.diagnostics) {
        if (d.severity == Diagnostic::Severity::Error)
            errors.append(d);
    }
    if (errors.isEmpty())
        return file.workflow ? QString() : tr("%1 is not a workflow").arg(displayPath);
    const Diagnostic &first = errors.first();
    QString text = QStringLiteral("%1:%2:%3: %4")
                       .arg(displayPath)
                       .arg(qMax(1, first.pos.line))
                       .arg(qMax(1, first.pos.column))
                       .arg(first.message);
    if (errors.size() > 1)
        text += QCoreApplication::translate("Flow::Subflows", " (and %n more problem(s))", nullptr,
                                            int(errors.size() - 1));
    return text;
}

Diagnostics validateSubflows(const Workflow &workflow, const QString &filePath,
                             const NodeTypeCatalog *catalog)
{
    if (filePath.isEmpty())
        return {};
    SubflowChecker checker(catalog);
    return checker.check(workflow, QFileInfo(filePath).absoluteFilePath(), {});
}

} // namespace Flow
