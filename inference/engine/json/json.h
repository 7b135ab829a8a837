// The engine's JSON: Value (json/value.h), parse (json/parser.h), dump (json/writer.h).
#pragma once

#include "json/parser.h"
#include "json/value.h"
#include "json/writer.h"
