#include "ui/compare/leaderboard_model.h"

#include <QLocale>

#include <cmath>

namespace kurabe::ui {

namespace {
QString bound(double value)
{
    if (std::isinf(value))
        return value < 0 ? QStringLiteral("-∞") : QStringLiteral("+∞");
    return QLocale().toString(value, 'f', 0);
}
} // namespace

LeaderboardModel::LeaderboardModel(storage::ComparisonStore& store, QObject* parent)
    : QAbstractTableModel(parent), store_(store)
{}

int LeaderboardModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(ratings_.size());
}

int LeaderboardModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant LeaderboardModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const app::PlayerRating& r = ratings_[static_cast<size_t>(index.row())];
    if (role == Qt::TextAlignmentRole && index.column() != Name)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    const QLocale locale;
    switch (index.column()) {
    case Rank:
        return index.row() + 1;
    case Name:
        return r.name;
    case Rating:
        return locale.toString(r.rating, 'f', 0);
    case Interval:
        return QStringLiteral("%1 – %2").arg(bound(r.ci_low), bound(r.ci_high));
    case Games:
        return r.games;
    case Wins:
        return locale.toString(r.wins, 'f', 1);
    default:
        return {};
    }
}

QVariant LeaderboardModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Rank:
        return tr("#");
    case Name:
        return tr("Target");
    case Rating:
        return tr("Rating");
    case Interval:
        return tr("95% interval");
    case Games:
        return tr("Votes");
    case Wins:
        return tr("Wins (ties ½)");
    default:
        return {};
    }
}

bool LeaderboardModel::reload(const QString& tag, QString* error)
{
    storage::StorageResult<std::vector<storage::LabelledPairVote>> votes =
        store_.labelled_pair_votes(tag.trimmed());
    if (!votes) {
        *error = votes.message();
        return false;
    }
    beginResetModel();
    votes_ = static_cast<int>(votes->size());
    ratings_ = app::fit_bradley_terry(app::games_from_votes(*votes));
    endResetModel();
    return true;
}

} // namespace kurabe::ui
