#pragma once

#include <QSqlDatabase>
#include <QString>

// The SQLite layout of the run history and how older files are brought forward. The version is
// SQLite's `PRAGMA user_version`; docs/history.md describes every version.
namespace Flow::StoreSchema {

constexpr int Current = 3;

// What the schema of `db` is: its user_version, or -1 with `error` when the file cannot be read as
// a database (corrupt, not SQLite). 0 for a file with no tables (new).
int version(QSqlDatabase &db, QString *error);
// True when the database holds tables that are not ours (user_version 0, yet not empty).
bool hasForeignTables(QSqlDatabase &db);
// Creates the current schema in an empty database.
bool create(QSqlDatabase &db, QString *error);
// Migrates from `from` (1 ≤ from < Current) to Current in one transaction: all or nothing.
bool migrate(QSqlDatabase &db, int from, QString *error);

// The version-1 layout (the first release), for the migration test's data and for documentation.
const char *versionOneDdl();

} // namespace Flow::StoreSchema
