// One column of the result view: the target's name (or blind letter), its answer rendered as
// Markdown (remote images never fetched), the judging controls — a 1–5 rating and a
// comment — and "Continue in chat". The column only shows and reports; the view saves.
#pragma once

#include <QFrame>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTextBrowser;

namespace kurabe::storage {
struct ComparisonResult;
}

namespace kurabe::ui {

class AnswerColumn : public QFrame
{
    Q_OBJECT
public:
    explicit AnswerColumn(int column, QWidget* parent = nullptr);

    void setHeader(const QString& text);
    // Renders `markdown` unless it is what is shown already.
    void setAnswer(const QString& markdown);
    // The rating and comment of `result`; disabled while there is none.
    void setJudging(const storage::ComparisonResult* result);
    // "Continue in chat" is offered only for a finished answer whose target may be named;
    // `why_not` says otherwise (shown as the tooltip).
    void setContinueAllowed(bool allowed, const QString& why_not);

    QPushButton* continueButton() const { return continue_; }

    QTextBrowser* answer() const { return answer_; }
    QString header() const;

signals:
    void ratingChosen(std::optional<int> rating); // 1..5, or empty: cleared
    void noteEdited(const QString& note);
    void menuRequested(const QPoint& global);
    void continueRequested();

private:
    QLabel* header_ = nullptr;
    QTextBrowser* answer_ = nullptr;
    QComboBox* rating_ = nullptr;
    QLineEdit* note_ = nullptr;
    QPushButton* continue_ = nullptr;
    QString rendered_; // the Markdown source shown now
};

} // namespace kurabe::ui
