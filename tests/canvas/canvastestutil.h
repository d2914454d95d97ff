#pragma once

#include "canvas/graphcontroller.h"
#include "canvas/graphscene.h"
#include "model/workflowdocument.h"
#include "model/workflowio.h"

#include <QDir>
#include <QFile>
#include <QUndoStack>

#include <memory>

// Shared set-up of the canvas tests: a real document, undo stack, scene and controller.
namespace CanvasTest {

struct Fixture
{
    Flow::WorkflowDocument document;
    QUndoStack undo;
    std::unique_ptr<Flow::GraphScene> scene;
    std::unique_ptr<Flow::GraphController> controller;

    Fixture()
        : scene(std::make_unique<Flow::GraphScene>(&document))
        , controller(std::make_unique<Flow::GraphController>(scene.get(), &undo))
    {}
    ~Fixture()
    {
        controller.reset();
        scene.reset();
    }
    QByteArray bytes() const { return Flow::writeWorkflow(document.workflow()); }
};

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.readAll();
}

inline QStringList exampleFiles()
{
    const QDir dir(QStringLiteral(FLOW_SOURCE_DIR "/resources/examples"));
    QStringList files;
    for (const QString &name : dir.entryList({QStringLiteral("*.yaml")}, QDir::Files, QDir::Name))
        files.append(dir.filePath(name));
    return files;
}

inline Flow::Workflow loadExample(const QString &path)
{
    const Flow::LoadResult r = Flow::readWorkflow(readFile(path));
    return r.workflow.value_or(Flow::Workflow{});
}

// A generated, deterministic, acyclic workflow: `count` nodes in column chains, plus `extraEdges` data
// wires into script.js nodes (local ones, or random ones across the graph with `longEdges`) and
// `afterEdges` ordering dependencies.
Flow::Workflow generatedWorkflow(int count, int extraEdges, int afterEdges, bool withPositions,
                                 bool longEdges = false);

// True when no two node cards of the scene overlap; fills `clash` with the first pair found.
bool noOverlap(const Flow::GraphScene &scene, QString *clash = nullptr);

} // namespace CanvasTest
