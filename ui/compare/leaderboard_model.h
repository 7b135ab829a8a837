// The leaderboard across saved comparisons: every pair vote (of comparisons tagged with the
// filter, when set) fitted with Bradley–Terry (app/compare/bradley_terry.h). One row per target
// label, best first: rank, name, rating with its 95% interval, games, wins.
#pragma once

#include "compare/bradley_terry.h"
#include "storage/stores/comparison_store.h"

#include <QAbstractTableModel>

#include <vector>

namespace kurabe::ui {

class LeaderboardModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Rank,
        Name,
        Rating,
        Interval,
        Games,
        Wins,
        ColumnCount
    };

    // `store` must outlive the model.
    explicit LeaderboardModel(storage::ComparisonStore& store, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

    // Refits from the votes of comparisons tagged `tag` (empty: all). False with `error` set
    // when the votes cannot be read.
    bool reload(const QString& tag, QString* error);
    const std::vector<app::PlayerRating>& ratings() const { return ratings_; }
    int voteCount() const { return votes_; }

private:
    storage::ComparisonStore& store_;
    std::vector<app::PlayerRating> ratings_;
    int votes_ = 0;
};

} // namespace kurabe::ui
