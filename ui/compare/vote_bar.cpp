#include "ui/compare/vote_bar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

#include <algorithm>

namespace kurabe::ui {

VoteBar::VoteBar(QWidget* parent) : QWidget(parent)
{
    left_ = new QComboBox(this);
    right_ = new QComboBox(this);
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Vote:"), this));
    layout->addWidget(left_);
    layout->addWidget(new QLabel(tr("vs"), this));
    layout->addWidget(right_);
    const std::pair<QString, storage::PairOutcome> outcomes[] = {
        {tr("Left better"), storage::PairOutcome::ABetter},
        {tr("Right better"), storage::PairOutcome::BBetter},
        {tr("Tie"), storage::PairOutcome::Tie},
        {tr("Both bad"), storage::PairOutcome::BothBad}};
    for (const auto& [text, outcome] : outcomes) {
        auto* button = new QPushButton(text, this);
        // "compare-vote-a", "-b", "-tie", "-both_bad": the stored outcome names.
        button->setObjectName(QStringLiteral("compare-vote-") + storage::pairOutcomeName(outcome));
        connect(button, &QPushButton::clicked, this, [this, outcome = outcome] {
            const int a = left_->currentIndex(), b = right_->currentIndex();
            if (a < 0 || b < 0 || a == b) {
                emit message(tr("Choose two different answers to vote on."));
                return;
            }
            emit voted(a, b, outcome);
        });
        layout->addWidget(button);
    }
    layout->addStretch(1);
}

void VoteBar::setNames(const QStringList& names)
{
    for (QComboBox* box : {left_, right_}) {
        const int chosen = box->currentIndex();
        const QSignalBlocker blocker(box);
        box->clear();
        box->addItems(names);
        box->setCurrentIndex(chosen < names.size() ? chosen : -1);
    }
    if (left_->currentIndex() < 0)
        left_->setCurrentIndex(0);
    if (right_->currentIndex() < 0 || right_->currentIndex() == left_->currentIndex())
        right_->setCurrentIndex(left_->currentIndex() == 1 ? 0 : std::min(1, right_->count() - 1));
}

} // namespace kurabe::ui
