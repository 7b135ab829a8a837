#include "ui/compare/leaderboard_dialog.h"

#include "ui/compare/leaderboard_model.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QTableView>
#include <QVBoxLayout>

namespace kurabe::ui {

LeaderboardDialog::~LeaderboardDialog()
{
    tag_->disconnect(this);
}

LeaderboardDialog::LeaderboardDialog(storage::ComparisonStore& store, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("compare-leaderboard"));
    setWindowTitle(tr("Leaderboard"));
    model_ = new LeaderboardModel(store, this);
    tag_ = new QLineEdit(this);
    tag_->setObjectName(QStringLiteral("leaderboard-tag"));
    tag_->setPlaceholderText(tr("Only comparisons tagged… (empty: all)"));
    table_ = new QTableView(this);
    table_->setModel(model_);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    table_->horizontalHeader()->setSectionResizeMode(LeaderboardModel::Name, QHeaderView::Stretch);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    status_ = new QLabel(this);
    status_->setWordWrap(true);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(tag_);
    layout->addWidget(table_, 1);
    layout->addWidget(status_);
    layout->addWidget(buttons);
    connect(tag_, &QLineEdit::editingFinished, this, &LeaderboardDialog::reload);
    resize(620, 380);
    reload();
}

void LeaderboardDialog::reload()
{
    QString error;
    if (!model_->reload(tag_->text(), &error)) {
        status_->setText(tr("The votes could not be read: %1").arg(error));
        return;
    }
    status_->setText(
        tr("Bradley–Terry ratings from %n pair vote(s); mean rating 1000. The interval is 95%: "
           "wide with few votes.",
           "", model_->voteCount()));
}

} // namespace kurabe::ui
