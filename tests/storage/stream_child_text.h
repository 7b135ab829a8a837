// The text stream_child streams: deterministic, so answer_saver_test can check that what is on
// disk after the kill is a prefix of it.
#pragma once

#include <QString>

QString stream_piece(int index);
