#include "ui/models/model_file_table_model.h"

#include "app/library/gguf_summary.h"

#include <QFileInfo>
#include <QLocale>

namespace kurabe::ui {

ModelFileTableModel::ModelFileTableModel(app::ModelLibrary& library, QObject* parent)
    : QAbstractTableModel(parent), library_(library)
{
    connect(&library_.store(), &storage::ModelFileStore::modelFilesChanged, this, [this] {
        if (storage::StorageResult<void> r = reload(); !r)
            emit storageError(r.message());
    });
    connect(&library_, &app::ModelLibrary::inspectionProgress, this, [this](qint64 id) {
        if (const int row = rowOf(id); row >= 0)
            emit dataChanged(index(row, Status), index(row, Status),
                             {Qt::DisplayRole, ProgressRole});
    });
    connect(&library_, &app::ModelLibrary::inspectionFinished, this, [this](qint64 id) {
        if (const int row = rowOf(id); row >= 0)
            emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
    });
}

storage::StorageResult<void> ModelFileTableModel::reload()
{
    storage::StorageResult<std::vector<storage::ModelFile>> files = library_.store().list();
    if (!files)
        return files.error();
    beginResetModel();
    rows_ = std::move(*files);
    endResetModel();
    return {};
}

int ModelFileTableModel::rowOf(qint64 id) const
{
    for (size_t i = 0; i < rows_.size(); ++i) {
        if (rows_[i].id == id)
            return static_cast<int>(i);
    }
    return -1;
}

int ModelFileTableModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(rows_.size());
}

int ModelFileTableModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ModelFileTableModel::status(const storage::ModelFile& f) const
{
    if (library_.isInspecting(f.id))
        return tr("hashing %1%").arg(qRound(100 * std::max(0.0, library_.progress(f.id))));
    const QJsonObject& s = f.gguf_summary;
    if (s.isEmpty())
        return tr("not read yet");
    if (!s.value(QStringLiteral("runnable")).toBool())
        return tr("cannot be used: %1").arg(s.value(QStringLiteral("reason")).toString());
    return f.sha256.isEmpty() ? tr("ready") : tr("ready · sha256 %1…").arg(f.sha256.left(12));
}

QVariant ModelFileTableModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const storage::ModelFile& f = rows_[static_cast<size_t>(index.row())];
    const QJsonObject& s = f.gguf_summary;
    switch (role) {
    case IdRole:
        return f.id;
    case PathRole:
        return f.path;
    case RunnableRole:
        return s.value(QStringLiteral("runnable")).toBool();
    case ProgressRole:
        return library_.progress(f.id);
    case Qt::ToolTipRole:
        return index.column() == Status && !f.sha256.isEmpty()
                   ? QStringLiteral("%1\nsha256 %2").arg(f.path, f.sha256)
                   : f.path;
    case Qt::TextAlignmentRole:
        if (index.column() == Parameters || index.column() == Context || index.column() == Size)
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (static_cast<Column>(index.column())) {
    case Name: {
        const QString name = s.value(QStringLiteral("name")).toString();
        return name.isEmpty() ? QFileInfo(f.path).fileName() : name;
    }
    case Architecture:
        return s.value(QStringLiteral("architecture")).toString();
    case Parameters:
        return s.contains(QStringLiteral("parameters"))
                   ? app::human_count(s.value(QStringLiteral("parameters")).toInteger())
                   : QString();
    case Quantization:
        return app::quantization_mix(s);
    case Context:
        return s.contains(QStringLiteral("context_length"))
                   ? QString::number(s.value(QStringLiteral("context_length")).toInteger())
                   : QString();
    case Size:
        return QLocale().formattedDataSize(f.size_bytes);
    case ChatTemplate:
        if (!s.contains(QStringLiteral("chat_template")))
            return QString();
        return s.value(QStringLiteral("chat_template")).isString() ? tr("yes")
                                                                   : tr("no (completion)");
    case Status:
        return status(f);
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ModelFileTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole || section < 0 ||
        section >= ColumnCount)
        return QAbstractTableModel::headerData(section, orientation, role);
    static const char* const titles[ColumnCount] = {
        QT_TR_NOOP("Name"),          QT_TR_NOOP("Architecture"), QT_TR_NOOP("Parameters"),
        QT_TR_NOOP("Quantization"),  QT_TR_NOOP("Context"),      QT_TR_NOOP("Size"),
        QT_TR_NOOP("Chat template"), QT_TR_NOOP("Status")};
    return tr(titles[section]);
}

} // namespace kurabe::ui
