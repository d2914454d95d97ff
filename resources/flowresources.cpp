// flow_resources holds only Qt resources (icons, examples, schema); qt_add_resources() links their
// object files into every user, so no Q_INIT_RESOURCE is needed. This file gives the library a source.
namespace Flow {
int resourcesLibraryMarker()
{
    return 1;
}
} // namespace Flow
