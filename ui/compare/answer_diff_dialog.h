// The diff view of the compare workspace: two answers to one prompt, chosen by column (named
// as the columns are: letters while a blind comparison is not yet revealed), shown inline with
// the words only in the first struck through on red and those only in the second on green,
// and a count of the words the same, removed and added (app/compare/word_diff.h). The view
// gives it the answers again as they stream or are run again, so it never shows a stale diff.
#pragma once

#include "compare/word_diff.h"

#include <QDialog>
#include <QStringList>

class QComboBox;
class QLabel;
class QTextEdit;

namespace kurabe::ui {

// `diff` as HTML for a QTextEdit: every text escaped (answers are untrusted), whitespace kept.
QString word_diff_html(const app::WordDiff& diff);

class AnswerDiffDialog : public QDialog
{
    Q_OBJECT
public:
    // `labels` and `answers` by display column; first compared with second by default.
    AnswerDiffDialog(const QStringList& labels, const QStringList& answers,
                     QWidget* parent = nullptr);

    // Compares display column `first` with `second`.
    void setPair(int first, int second);
    // New names and texts by display column (the same columns); the diff is computed again
    // only when one of the two compared answers changed.
    void setAnswers(const QStringList& labels, const QStringList& answers);
    const QStringList& answers() const { return answers_; }
    QComboBox* firstChoice() const { return first_; }
    QComboBox* secondChoice() const { return second_; }
    QTextEdit* diffView() const { return view_; }
    QString summary() const;
    const app::WordDiff& diff() const { return diff_; }
    QString html() const { return html_; } // as given to the view

private:
    void compare();

    QStringList answers_;
    QComboBox* first_ = nullptr;
    QComboBox* second_ = nullptr;
    QTextEdit* view_ = nullptr;
    QLabel* summary_ = nullptr;
    app::WordDiff diff_;
    QString html_;
};

} // namespace kurabe::ui
