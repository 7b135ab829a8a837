// The pairwise judging bar under the answers: two columns chosen by name (or blind letter) and
// the four outcomes — left better, right better, tie, both bad. Reports the vote; the view
// stores it.
#pragma once

#include "storage/stores/comparison_types.h"

#include <QWidget>

class QComboBox;

namespace kurabe::ui {

class VoteBar : public QWidget
{
    Q_OBJECT
public:
    explicit VoteBar(QWidget* parent = nullptr);

    // The columns' names, by display column; keeps the chosen pair where it can, else the
    // first two columns.
    void setNames(const QStringList& names);
    QComboBox* left() const { return left_; }
    QComboBox* right() const { return right_; }

signals:
    // Display columns `a` and `b`, always two different ones.
    void voted(int a, int b, kurabe::storage::PairOutcome outcome);
    void message(const QString& text);

private:
    QComboBox* left_ = nullptr;
    QComboBox* right_ = nullptr;
};

} // namespace kurabe::ui
