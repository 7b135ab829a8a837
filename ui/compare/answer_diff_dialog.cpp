#include "ui/compare/answer_diff_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QTextEdit>
#include <QVBoxLayout>

namespace kurabe::ui {

namespace {
// Light tints that keep dark text readable; the strike-through says "removed" without colour.
constexpr auto kRemovedStyle = "background-color:#ffd7d5;color:#82071e;"
                               "text-decoration:line-through;";
constexpr auto kAddedStyle = "background-color:#ccffd8;color:#055d20;";
} // namespace

QString word_diff_html(const app::WordDiff& diff)
{
    QString html = QStringLiteral("<div style=\"white-space:pre-wrap;\">");
    for (const app::DiffSegment& segment : diff.segments) {
        const QString text = segment.text.toHtmlEscaped();
        switch (segment.op) {
        case app::DiffOp::Equal:
            html += text;
            break;
        case app::DiffOp::Removed:
            html += QStringLiteral("<span class=\"removed\" style=\"%1\">%2</span>")
                        .arg(QLatin1String(kRemovedStyle), text);
            break;
        case app::DiffOp::Added:
            html += QStringLiteral("<span class=\"added\" style=\"%1\">%2</span>")
                        .arg(QLatin1String(kAddedStyle), text);
            break;
        }
    }
    return html + QStringLiteral("</div>");
}

AnswerDiffDialog::AnswerDiffDialog(const QStringList& labels, const QStringList& answers,
                                   QWidget* parent)
    : QDialog(parent), answers_(answers)
{
    setObjectName(QStringLiteral("compare-diff"));
    setWindowTitle(tr("Compare two answers"));
    first_ = new QComboBox(this);
    first_->setObjectName(QStringLiteral("compare-diff-first"));
    second_ = new QComboBox(this);
    second_->setObjectName(QStringLiteral("compare-diff-second"));
    for (int c = 0; c < labels.size() && c < answers_.size(); ++c) {
        first_->addItem(labels[c]);
        second_->addItem(labels[c]);
    }
    view_ = new QTextEdit(this);
    view_->setObjectName(QStringLiteral("compare-diff-text"));
    view_->setReadOnly(true);
    summary_ = new QLabel(this);
    summary_->setObjectName(QStringLiteral("compare-diff-summary"));
    summary_->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* choices = new QHBoxLayout;
    choices->addWidget(new QLabel(tr("From"), this));
    choices->addWidget(first_, 1);
    choices->addWidget(new QLabel(tr("to"), this));
    choices->addWidget(second_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->addLayout(choices);
    layout->addWidget(view_, 1);
    layout->addWidget(summary_);
    layout->addWidget(buttons);
    resize(720, 480);

    setPair(0, first_->count() > 1 ? 1 : 0);
    connect(first_, &QComboBox::currentIndexChanged, this, &AnswerDiffDialog::compare);
    connect(second_, &QComboBox::currentIndexChanged, this, &AnswerDiffDialog::compare);
}

void AnswerDiffDialog::setPair(int first, int second)
{
    {
        const QSignalBlocker block_first(first_);
        const QSignalBlocker block_second(second_);
        first_->setCurrentIndex(first);
        second_->setCurrentIndex(second);
    }
    compare();
}

void AnswerDiffDialog::compare()
{
    const QString a = answers_.value(first_->currentIndex());
    const QString b = answers_.value(second_->currentIndex());
    diff_ = app::word_diff(a, b);
    html_ = word_diff_html(diff_);
    view_->setHtml(html_);
    QString text = tr("%1 words the same, %2 removed, %3 added")
                       .arg(diff_.equal_words)
                       .arg(diff_.removed_words)
                       .arg(diff_.added_words);
    if (diff_.granularity == app::DiffGranularity::Lines)
        text += tr(" (too different for a word diff: compared line by line)");
    else if (diff_.granularity == app::DiffGranularity::Whole)
        text += tr(" (too different to compare: shown whole)");
    summary_->setText(text);
}

void AnswerDiffDialog::setAnswers(const QStringList& labels, const QStringList& answers)
{
    const int first = first_->currentIndex();
    const int second = second_->currentIndex();
    const bool changed = answers.value(first) != answers_.value(first) ||
                         answers.value(second) != answers_.value(second);
    answers_ = answers;
    for (int c = 0; c < first_->count() && c < labels.size(); ++c) {
        first_->setItemText(c, labels[c]);
        second_->setItemText(c, labels[c]);
    }
    if (changed)
        compare();
}

QString AnswerDiffDialog::summary() const
{
    return summary_->text();
}

} // namespace kurabe::ui
