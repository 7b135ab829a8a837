// The Catalog workspace: filters above a sortable table of every catalog entry, and the
// details of the chosen one beside it (with its downloads). The catalog comes from app/ (the
// built-in catalog synced into the user's database); this machine's memory is detected in the
// background, so the "fits" column fills in a moment after the page opens.
#pragma once

#include "catalog/catalog_library.h"
#include "catalog/machine_memory.h"

#include <QFutureWatcher>
#include <QWidget>

#include <atomic>
#include <memory>
#include <optional>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QTableView;

namespace kurabe::catalog {
class ModelDownloader;
struct SpeedMeasurement;
} // namespace kurabe::catalog

namespace kurabe::storage {
class Database;
class SettingsStore;
} // namespace kurabe::storage

namespace kurabe::ui {

class CatalogDetails;
class CatalogFilterModel;
class CatalogTableModel;

class CatalogPage : public QWidget
{
    Q_OBJECT

public:
    // Loads the catalog for the profile in `data_dir` and detects this machine's memory.
    explicit CatalogPage(const QString& data_dir, QWidget* parent = nullptr);
    // Shows `snapshot` for `machine` (tests: no database, no detection).
    CatalogPage(catalog::CatalogSnapshot snapshot, const catalog::MachineMemory& machine,
                const QString& data_dir, QWidget* parent = nullptr);
    ~CatalogPage() override;

    // The outcome of a speed measurement run on the worker thread.
    struct MeasureOutcome
    {
        std::shared_ptr<const catalog::SpeedMeasurement> measurement; // null on error
        QString error;
    };

    CatalogTableModel* table_model() const { return table_model_; }
    CatalogFilterModel* filter_model() const { return filter_model_; }
    QTableView* table() const { return table_; }
    CatalogDetails* details() const { return details_; }

private:
    void build();
    void set_snapshot(catalog::CatalogSnapshot snapshot);
    void apply_filters();
    void show_current();
    void start_download(const QString& key, const QString& quantization);
    void start_measure(const QString& tensor_type);
    void finish_measure();
    storage::SettingsStore* settings(); // the profile's settings; null without a database

    QString data_dir_;
    CatalogTableModel* table_model_ = nullptr;
    CatalogFilterModel* filter_model_ = nullptr;
    QTableView* table_ = nullptr;
    CatalogDetails* details_ = nullptr;
    QLabel* summary_ = nullptr;
    QLabel* problems_ = nullptr;
    QLineEdit* search_ = nullptr;
    QComboBox* developer_ = nullptr;
    QComboBox* license_kind_ = nullptr;
    QComboBox* commercial_use_ = nullptr;
    QComboBox* open_weights_ = nullptr;
    QComboBox* min_context_ = nullptr;
    QDoubleSpinBox* min_parameters_ = nullptr; // billions; 0: no bound
    QDoubleSpinBox* max_parameters_ = nullptr;
    QComboBox* modality_ = nullptr;
    QComboBox* reasoning_ = nullptr;
    QCheckBox* runs_locally_ = nullptr;
    QCheckBox* fits_machine_ = nullptr;
    catalog::ModelDownloader* downloader_ = nullptr;
    std::unique_ptr<storage::Database> database_; // for the settings: measured speeds
    std::unique_ptr<storage::SettingsStore> settings_;
    QFutureWatcher<MeasureOutcome>* measure_watcher_ = nullptr;
    std::shared_ptr<std::atomic<bool>> measure_cancel_;
};

} // namespace kurabe::ui
