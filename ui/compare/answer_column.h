// One column of the result view: the target's name (or blind letter), its answer rendered as
// Markdown (remote images never fetched), and the judging controls — a 1–5 rating and a
// comment. The column only shows and reports; the view saves.
#pragma once

#include <QFrame>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
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

    QTextBrowser* answer() const { return answer_; }
    QString header() const;

signals:
    void ratingChosen(std::optional<int> rating); // 1..5, or empty: cleared
    void noteEdited(const QString& note);
    void menuRequested(const QPoint& global);

private:
    QLabel* header_ = nullptr;
    QTextBrowser* answer_ = nullptr;
    QComboBox* rating_ = nullptr;
    QLineEdit* note_ = nullptr;
    QString rendered_; // the Markdown source shown now
};

} // namespace kurabe::ui
