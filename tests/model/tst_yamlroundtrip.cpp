// The round-trip promise over random workflows: read(write(w)) == w and
// write(read(write(w))) == write(w), for values full of characters YAML treats specially.
#include "model/workflowio.h"
#include "workflowcompare.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Flow;

namespace {

QString randomString(QRandomGenerator &random)
{
    static const QStringList pieces
        = {"a",  "Z",    "0",  "7",    ".",    "-",   ":",    ": ",  " ",   "  ",  "#",   " #",
           "\"", "'",    "\\", "\n",   "\t",   "{",   "}",    "[",   "]",   ",",   "${{", "}}",
           "|",  ">",    "&",  "*",    "!",    "%",   "@",    "`",   "?",   "é",   "日",  "🚀",
           "\r", "\x01", "~",  "null", "true", "1e3", "0x1F", "yes", "---", "...", "<<"};
    QString s;
    const int n = random.bounded(7);
    for (int i = 0; i < n; ++i)
        s += pieces.at(random.bounded(pieces.size()));
    return s;
}

Value randomValue(QRandomGenerator &random, int depth)
{
    switch (random.bounded(depth > 2 ? 6 : 8)) {
    case 0:
        return {};
    case 1:
        return Value(random.bounded(2) == 1);
    case 2:
        return Value(qint64(random.generate64()) >> random.bounded(64));
    case 3: {
        static const double specials[] = {0.0, -0.0, 2.0, 0.1, 1e20, 1e-7, 123456789.125, -3.5e300};
        return Value(random.bounded(3) == 0 ? specials[random.bounded(8)] : random.generateDouble() * 1e6);
    }
    case 4:
    case 5:
        return Value(randomString(random));
    case 6: {
        Value list = Value::makeList();
        for (int i = random.bounded(5); i > 0; --i)
            list.append(randomValue(random, depth + 1));
        return list;
    }
    default: {
        Value map = Value::makeMap();
        for (int i = random.bounded(5); i > 0; --i) {
            const QString key = randomString(random);
            if (!map.contains(key))
                map.insert(key, randomValue(random, depth + 1));
        }
        return map;
    }
    }
}

} // namespace

class TestYamlRoundTrip : public QObject
{
    Q_OBJECT

private slots:
    void randomValuesRoundTrip()
    {
        // FLOW_ROUNDTRIP_CASES raises the count for a longer hunt; the seed keeps failures repeatable.
        const int cases = std::max(1500, qEnvironmentVariableIntValue("FLOW_ROUNDTRIP_CASES"));
        QRandomGenerator random(20240611);
        for (int i = 0; i < cases; ++i) {
            Workflow w;
            w.name = randomString(random);
            w.description = randomString(random);
            w.params.append(
                ParamSpec{randomString(random), randomValue(random, 0), randomString(random), {}});
            Node n;
            n.id = QStringLiteral("n");
            n.type = randomString(random);
            n.when = randomString(random);
            const Value config = randomValue(random, 0);
            if (config.isMap())
                n.config = config;
            else
                n.config.insert(randomString(random), config);
            n.forEach = randomValue(random, 1);
            if (n.forEach.isMap() || n.forEach.isBool() || n.forEach.isNumber())
                n.forEach = Value();
            n.description = randomString(random);
            if (n.type.isEmpty())
                n.type = QStringLiteral("t");
            w.nodes.append(n);
            const QString problem = Test::roundTripProblem(w);
            QVERIFY2(problem.isEmpty(), qPrintable(QStringLiteral("case %1: %2").arg(i).arg(problem)));
        }
    }
};

QTEST_GUILESS_MAIN(TestYamlRoundTrip)
#include "tst_yamlroundtrip.moc"
