#pragma once

#include "model/nodetypeinfo.h"

namespace Flow::Studio {

// The node types with their titles and descriptions in the user's language, for everything the user
// reads (palette, canvas cards, inspector). Ids, port and field names and categories stay as they are:
// they are the file format, and the canvas picks category colours by name.
class TranslatedCatalog : public NodeTypeCatalog
{
public:
    explicit TranslatedCatalog(const NodeTypeCatalog *base);

    const NodeTypeInfo *find(QStringView typeId) const override;
    QList<const NodeTypeInfo *> all() const override;

    static QString translate(const QString &text);

private:
    QList<NodeTypeInfo> m_types;
};

} // namespace Flow::Studio
