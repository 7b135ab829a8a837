// A complete, valid catalog entry (schema version 1) for tests that change one field of it.
// Kept out of the test sources because moc does not read multi-line raw string literals.
#pragma once

#include <QJsonObject>

QJsonObject catalog_example_entry();
