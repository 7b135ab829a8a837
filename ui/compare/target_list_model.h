// The targets chosen for a new comparison (2 to 8 columns), in column order. The same model may
// appear twice, with the same or another sampling preset.
#pragma once

#include "compare/compare_target.h"

#include <QAbstractListModel>

#include <vector>

namespace kurabe::ui {

class TargetListModel : public QAbstractListModel
{
    Q_OBJECT
public:
    static constexpr int kMaxTargets = 8;
    static constexpr int kMinTargets = 2;

    using QAbstractListModel::QAbstractListModel;

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

    // False when there are kMaxTargets already.
    bool append(const app::TargetSpec& spec);
    void removeAt(int row);
    void clear();
    const std::vector<app::TargetSpec>& targets() const { return targets_; }

private:
    std::vector<app::TargetSpec> targets_;
};

} // namespace kurabe::ui
