// The details pane of the Catalog page: every field of one entry (license link, sources,
// remote offerings), its GGUF downloads with size, an estimate of whether each fits this
// machine and how fast it would generate here, and a Download button for the chosen file.
#pragma once

#include "catalog/catalog_entry.h"
#include "catalog/machine_memory.h"

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

    // Download progress and outcome, as reported by the page's downloader.
    void show_download_progress(qint64 received, qint64 total);
    void show_download_finished(const QString& message, bool ok);

Q_SIGNALS:
    // The user asked for the variant with this quantization of the entry shown.
    void downloadRequested(const QString& key, const QString& quantization);
    void cancelRequested();

private:
    QTextBrowser* text_ = nullptr;
    QComboBox* variants_ = nullptr;
    QPushButton* download_ = nullptr;
    QPushButton* cancel_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    std::optional<catalog::CatalogEntry> entry_;
    QElapsedTimer download_clock_; // since the download (or this resumed part of it) started
    qint64 first_received_ = -1;   // bytes already there when the clock started
};

// The details as HTML (all fields; estimates say they are estimates and what they assume).
QString catalog_details_html(const catalog::CatalogEntry& entry,
                             const catalog::MachineMemory& machine);

} // namespace kurabe::ui
