#include "translatedcatalog.h"

#include <QCoreApplication>

namespace Flow::Studio {

QString TranslatedCatalog::translate(const QString &text)
{
    if (text.isEmpty())
        return text;
    return QCoreApplication::translate("Flow::NodeTypes", text.toUtf8().constData());
}

TranslatedCatalog::TranslatedCatalog(const NodeTypeCatalog *base)
{
    const QList<const NodeTypeInfo *> types = base->all();
    for (const NodeTypeInfo *type : types) {
        NodeTypeInfo info = *type;
        info.title = translate(info.title);
        info.description = translate(info.description);
        for (PortInfo &port : info.inputs)
            port.description = translate(port.description);
        for (PortInfo &port : info.outputs)
            port.description = translate(port.description);
        for (ConfigField &field : info.config)
            field.description = translate(field.description);
        m_types.append(info);
    }
}

const NodeTypeInfo *TranslatedCatalog::find(QStringView typeId) const
{
    for (const NodeTypeInfo &info : m_types) {
        if (info.id == typeId)
            return &info;
    }
    return nullptr;
}

QList<const NodeTypeInfo *> TranslatedCatalog::all() const
{
    QList<const NodeTypeInfo *> result;
    for (const NodeTypeInfo &info : m_types)
        result.append(&info);
    return result;
}

} // namespace Flow::Studio
