// The details pane of the Catalog page: every field of one entry (license link, sources,
// remote offerings), its GGUF downloads with size, an estimate of whether each fits this
// machine and how fast it would generate here, and a Download button for the chosen file.
#pragma once

#include "catalog/catalog_entry.h"
#include "catalog/machine_memory.h"
#include "catalog/speed_probe.h"

#include <QElapsedTimer>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QTextBrowser;

namespace kurabe::ui {

class CatalogDetails : public QWidget
{
    Q_OBJECT

public:
    explicit CatalogDetails(QWidget* parent = nullptr);

    // Shows `entry` (nothing: a hint to pick a model).
    void show_entry(const std::optional<catalog::CatalogEntry>& entry,
                    const catalog::MachineMemory& machine);
    const std::optional<catalog::CatalogEntry>& entry() const { return entry_; }
    QString html() const; // what the pane shows, for tests
    // Speeds measured on this machine: the speed column uses them for their tensor types.
    void set_measurements(std::vector<catalog::SpeedMeasurement> measurements);
    // The page's speed measurement: running (the button waits) or done with `message`.
    void show_measuring(const QString& message);
    void show_measure_finished(const QString& message);

    // Download progress and outcome, as reported by the page's downloader.
    void show_download_progress(qint64 received, qint64 total);
    void show_download_finished(const QString& message, bool ok);

Q_SIGNALS:
    // The user asked for the variant with this quantization of the entry shown.
    void downloadRequested(const QString& key, const QString& quantization);
    void cancelRequested();
    // The user asked to measure generation speed for this tensor type ("Q4_K") here.
    void measureRequested(const QString& tensor_type);

private:
    QTextBrowser* text_ = nullptr;
    QComboBox* variants_ = nullptr;
    QPushButton* download_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QPushButton* measure_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    std::optional<catalog::CatalogEntry> entry_;
    catalog::MachineMemory machine_;
    std::vector<catalog::SpeedMeasurement> measurements_;
    QElapsedTimer download_clock_; // since the download (or this resumed part of it) started
    qint64 first_received_ = -1;   // bytes already there when the clock started
};

// The details as HTML (all fields; estimates say they are estimates and what they assume).
// `measurements`: speeds measured here (speed_probe.h), used where one matches a variant's type.
QString catalog_details_html(const catalog::CatalogEntry& entry,
                             const catalog::MachineMemory& machine,
                             const std::vector<catalog::SpeedMeasurement>& measurements = {});

} // namespace kurabe::ui
