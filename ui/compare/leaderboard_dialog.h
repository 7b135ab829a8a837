// The leaderboard window: a tag filter over the Bradley–Terry table of every saved pair vote.
#pragma once

#include <QDialog>

class QLabel;
class QLineEdit;
class QTableView;

namespace kurabe::storage {
class ComparisonStore;
}

namespace kurabe::ui {

class LeaderboardModel;

class LeaderboardDialog : public QDialog
{
    Q_OBJECT
public:
    // `store` must outlive the dialog.
    explicit LeaderboardDialog(storage::ComparisonStore& store, QWidget* parent = nullptr);
    // Hiding on destruction moves focus off the tag field: its editingFinished must not
    // reach the half-destroyed dialog.
    ~LeaderboardDialog() override;

    LeaderboardModel* model() const { return model_; }
    QLineEdit* tagFilter() const { return tag_; }
    void reload();

private:
    LeaderboardModel* model_ = nullptr;
    QLineEdit* tag_ = nullptr;
    QLabel* status_ = nullptr;
    QTableView* table_ = nullptr;
};

} // namespace kurabe::ui
