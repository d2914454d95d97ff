// libFuzzer target: the remote protocol decoder (remote/protocol.h), both directions. What decodes
// must encode again and decode to a message of the same kind (the encoder's output is canonical).
#include "remote/protocol.h"

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
    return 0;
}
