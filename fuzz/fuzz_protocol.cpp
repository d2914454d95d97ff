// libFuzzer target: the remote protocol decoder (remote/protocol.h), both directions. What decodes
// must encode again and decode to a message of the same kind (the encoder's output is canonical).
// The fast readers of events (runs/eventjson.h) must agree with the full decoder on whatever they
// accept, value for value and type for type.
#include "remote/protocol.h"
#include "runs/eventjson.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArrayView frame(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto client = Flow::Remote::decodeClientMessage(frame);
    if (client.ok() && !Flow::Remote::decodeClientMessage(Flow::Remote::encode(*client.value)).ok())
        std::abort();
    const auto server = Flow::Remote::decodeServerMessage(frame);
    if (server.ok() && !Flow::Remote::decodeServerMessage(Flow::Remote::encode(*server.value)).ok())
        std::abort();
    if (const auto fast = Flow::EventJson::readEventsFrame(frame)) {
        const auto full = Flow::Remote::decodeServerMessageFull(frame);
        if (!full.ok() || full.value->run != fast->run || full.value->events.size() != fast->events.size())
            std::abort();
        for (qsizetype i = 0; i < fast->events.size(); ++i) {
            if (!Flow::EventJson::identical(fast->events.at(i), full.value->events.at(i)))
                std::abort();
        }
    }
    if (const auto fast = Flow::EventJson::readEventLine(frame)) {
        const QJsonDocument doc = QJsonDocument::fromJson(frame.toByteArray());
        const auto slow = doc.isObject() ? Flow::RunEvent::fromJson(doc.object()) : std::nullopt;
        if (!slow || !Flow::EventJson::identical(*fast, *slow))
            std::abort();
    }
    return 0;
}
