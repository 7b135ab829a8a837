#include "ui/compare/answer_column.h"

#include "storage/stores/comparison_types.h"
#include "ui/chat/message_delegate.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace kurabe::ui {

namespace {
constexpr int kColumnMinWidth = 240; // pixels: room for a paragraph of answer
}

AnswerColumn::AnswerColumn(int column, QWidget* parent) : QFrame(parent)
{
    setMinimumWidth(kColumnMinWidth);
    header_ = new QLabel(this);
    QFont bold = header_->font();
    bold.setBold(true);
    header_->setFont(bold);
    answer_ = new QTextBrowser(this);
    answer_->setObjectName(QStringLiteral("compare-answer-%1").arg(column));
    // Markdown from a model may name remote images: never fetched.
    answer_->setDocument(new OfflineTextDocument(answer_));
    answer_->setOpenExternalLinks(true);
    answer_->setContextMenuPolicy(Qt::CustomContextMenu);
    rating_ = new QComboBox(this);
    rating_->addItem(tr("Not rated"));
    for (int r = 1; r <= 5; ++r)
        rating_->addItem(QString(r, QChar(0x2605)), r); // one ★ per point
    note_ = new QLineEdit(this);
    note_->setPlaceholderText(tr("Comment"));
    continue_ = new QPushButton(tr("Continue in chat"), this);
    continue_->setObjectName(QStringLiteral("compare-continue-%1").arg(column));
    continue_->setEnabled(false);
    auto* judge = new QHBoxLayout;
    judge->addWidget(rating_);
    judge->addWidget(note_, 1);
    judge->addWidget(continue_);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(2, 2, 2, 2);
    layout->addWidget(header_);
    layout->addWidget(answer_, 1);
    layout->addLayout(judge);

    connect(answer_, &QWidget::customContextMenuRequested, this,
            [this](const QPoint& pos) { emit menuRequested(answer_->mapToGlobal(pos)); });
    connect(rating_, &QComboBox::activated, this, [this](int index) {
        emit ratingChosen(index == 0 ? std::nullopt : std::optional<int>(index));
    });
    connect(note_, &QLineEdit::editingFinished, this, [this] { emit noteEdited(note_->text()); });
    connect(continue_, &QPushButton::clicked, this, &AnswerColumn::continueRequested);
}

void AnswerColumn::setHeader(const QString& text)
{
    header_->setText(text);
}

QString AnswerColumn::header() const
{
    return header_->text();
}

void AnswerColumn::setAnswer(const QString& markdown)
{
    if (markdown == rendered_ && !markdown.isEmpty())
        return;
    answer_->setMarkdown(markdown);
    rendered_ = markdown;
}

void AnswerColumn::setJudging(const storage::ComparisonResult* result)
{
    const QSignalBlocker rating_blocker(rating_);
    const QSignalBlocker note_blocker(note_);
    rating_->setEnabled(result != nullptr);
    note_->setEnabled(result != nullptr);
    rating_->setCurrentIndex(result && result->rating ? *result->rating : 0);
    if (!note_->hasFocus()) // not while the user types
        note_->setText(result ? result->note : QString());
}

void AnswerColumn::setContinueAllowed(bool allowed, const QString& why_not)
{
    continue_->setEnabled(allowed);
    continue_->setToolTip(allowed ? tr("A new chat with this prompt and answer, with this model")
                                  : why_not);
}

} // namespace kurabe::ui
