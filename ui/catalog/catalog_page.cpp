#include "ui/catalog/catalog_page.h"

#include "catalog/downloader.h"
#include "catalog/speed_probe.h"
#include "storage/data_dir.h"
#include "storage/schema/schema.h"
#include "storage/stores/settings_store.h"
#include "ui/catalog/catalog_details.h"
#include "ui/catalog/catalog_filter_model.h"
#include "ui/catalog/catalog_table_model.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFutureWatcher>
#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

#include <set>

namespace kurabe::ui {

namespace {

QComboBox* combo(QWidget* parent, const QString& name,
                 const std::vector<std::pair<QString, QVariant>>& items)
{
    auto* box = new QComboBox(parent);
    box->setObjectName(name);
    for (const auto& [text, value] : items)
        box->addItem(text, value);
    return box;
}

std::optional<bool> tri_state(const QComboBox* box)
{
    const QVariant value = box->currentData();
    return value.isValid() ? std::optional<bool>(value.toBool()) : std::nullopt;
}

} // namespace

CatalogPage::CatalogPage(const QString& data_dir, QWidget* parent)
    : QWidget(parent), data_dir_(data_dir)
{
    build();
    set_snapshot(catalog::load_catalog(data_dir));
    // Enumerating Vulkan devices takes a moment: off the UI thread.
    auto* watcher = new QFutureWatcher<catalog::MachineMemory>(this);
    connect(watcher, &QFutureWatcher<catalog::MachineMemory>::finished, this, [this, watcher] {
        table_model_->set_machine(watcher->result());
        apply_filters();
        show_current();
        watcher->deleteLater();
    });
    watcher->setFuture(QtConcurrent::run(&catalog::detect_machine_memory));
    if (storage::SettingsStore* store = settings())
        details_->set_measurements(catalog::load_speed_measurements(*store));
}

CatalogPage::~CatalogPage()
{
    // A measurement still running stops at its next token (building its model takes seconds).
    if (measure_watcher_ && measure_watcher_->isRunning()) {
        measure_cancel_->store(true);
        measure_watcher_->waitForFinished();
    }
}

storage::SettingsStore* CatalogPage::settings()
{
    if (!settings_ && !data_dir_.isEmpty()) {
        auto database = storage::open_kurabe_database(storage::database_path(data_dir_),
                                                      storage::OpenMode::ReadWrite);
        if (!database)
            return nullptr;
        database_ = std::move(*database);
        settings_ = std::make_unique<storage::SettingsStore>(*database_);
    }
    return settings_.get();
}

CatalogPage::CatalogPage(catalog::CatalogSnapshot snapshot, const catalog::MachineMemory& machine,
                         const QString& data_dir, QWidget* parent)
    : QWidget(parent), data_dir_(data_dir)
{
    build();
    table_model_->set_machine(machine);
    set_snapshot(std::move(snapshot));
    if (storage::SettingsStore* store = settings())
        details_->set_measurements(catalog::load_speed_measurements(*store));
}

void CatalogPage::build()
{
    table_model_ = new CatalogTableModel(this);
    filter_model_ = new CatalogFilterModel(table_model_, this);

    auto* filters = new QGridLayout;
    search_ = new QLineEdit(this);
    search_->setObjectName(QStringLiteral("catalog-search"));
    search_->setPlaceholderText(tr("Search names, developers, descriptions…"));
    search_->setClearButtonEnabled(true);
    developer_ = combo(this, QStringLiteral("catalog-developer"), {{tr("Any developer"), {}}});
    license_kind_ = combo(this, QStringLiteral("catalog-license-kind"),
                          {{tr("Any license"), {}},
                           {tr("Permissive"), QStringLiteral("permissive")},
                           {tr("Copyleft"), QStringLiteral("copyleft")},
                           {tr("Restricted"), QStringLiteral("restricted")},
                           {tr("Proprietary"), QStringLiteral("proprietary")}});
    commercial_use_ = combo(this, QStringLiteral("catalog-commercial-use"),
                            {{tr("Commercial use: any"), {}},
                             {tr("Commercial use: yes"), QStringLiteral("yes")},
                             {tr("Commercial use: restricted"), QStringLiteral("restricted")},
                             {tr("Commercial use: no"), QStringLiteral("no")}});
    open_weights_ = combo(this, QStringLiteral("catalog-open-weights"),
                          {{tr("Open or closed weights"), {}},
                           {tr("Open weights"), true},
                           {tr("Closed weights"), false}});
    min_context_ = combo(this, QStringLiteral("catalog-min-context"),
                         {{tr("Any context length"), {}},
                          {tr("≥ 8K tokens"), qint64(8192)},
                          {tr("≥ 32K tokens"), qint64(32768)},
                          {tr("≥ 128K tokens"), qint64(131072)},
                          {tr("≥ 1M tokens"), qint64(1000000)}});
    const auto billions = [this](const QString& name, const QString& special) {
        auto* box = new QDoubleSpinBox(this);
        box->setObjectName(name);
        box->setRange(0, 10000);
        box->setDecimals(1);
        box->setSuffix(tr(" B"));
        box->setSpecialValueText(special);
        return box;
    };
    min_parameters_ = billions(QStringLiteral("catalog-min-parameters"), tr("min parameters"));
    max_parameters_ = billions(QStringLiteral("catalog-max-parameters"), tr("max parameters"));
    modality_ = combo(this, QStringLiteral("catalog-modality"),
                      {{tr("Any modality"), {}},
                       {tr("Text"), QStringLiteral("text")},
                       {tr("Image"), QStringLiteral("image")},
                       {tr("Audio"), QStringLiteral("audio")},
                       {tr("Video"), QStringLiteral("video")}});
    reasoning_ = combo(this, QStringLiteral("catalog-reasoning"),
                       {{tr("Reasoning: any"), {}},
                        {tr("Reasoning mode"), true},
                        {tr("No reasoning mode"), false}});
    runs_locally_ = new QCheckBox(tr("Runs locally"), this);
    runs_locally_->setObjectName(QStringLiteral("catalog-runs-locally"));
    runs_locally_->setToolTip(tr("Has GGUF downloads Kurabe can run"));
    fits_machine_ = new QCheckBox(tr("Fits this machine"), this);
    fits_machine_->setObjectName(QStringLiteral("catalog-fits-machine"));
    fits_machine_->setToolTip(tr("The smallest download, with a 4K-token cache, fits this "
                                 "machine's memory (an estimate)"));
    filters->addWidget(search_, 0, 0, 1, 3);
    filters->addWidget(developer_, 0, 3);
    filters->addWidget(license_kind_, 0, 4);
    filters->addWidget(commercial_use_, 0, 5);
    filters->addWidget(open_weights_, 1, 0);
    filters->addWidget(min_context_, 1, 1);
    filters->addWidget(min_parameters_, 1, 2);
    filters->addWidget(max_parameters_, 1, 3);
    filters->addWidget(modality_, 1, 4);
    filters->addWidget(reasoning_, 1, 5);
    filters->addWidget(runs_locally_, 2, 0);
    filters->addWidget(fits_machine_, 2, 1);
    summary_ = new QLabel(this);
    summary_->setObjectName(QStringLiteral("catalog-summary"));
    filters->addWidget(summary_, 2, 2, 1, 4);

    table_ = new QTableView(this);
    table_->setObjectName(QStringLiteral("catalog-table"));
    table_->setModel(filter_model_);
    table_->setSortingEnabled(true);
    table_->sortByColumn(CatalogTableModel::Name, Qt::AscendingOrder);
    table_->setSelectionBehavior(QAbstractItemView::SelectRows);
    table_->setSelectionMode(QAbstractItemView::SingleSelection);
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setStretchLastSection(true);
    details_ = new CatalogDetails(this);
    details_->setObjectName(QStringLiteral("catalog-details"));
    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(table_);
    splitter->addWidget(details_);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    problems_ = new QLabel(this);
    problems_->setObjectName(QStringLiteral("catalog-problems"));
    problems_->setWordWrap(true);
    problems_->setVisible(false);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(filters);
    layout->addWidget(problems_);
    layout->addWidget(splitter, 1);

    connect(search_, &QLineEdit::textChanged, this, &CatalogPage::apply_filters);
    for (QComboBox* box : {developer_, license_kind_, commercial_use_, open_weights_, min_context_,
                           modality_, reasoning_})
        connect(box, &QComboBox::currentIndexChanged, this, &CatalogPage::apply_filters);
    for (QDoubleSpinBox* box : {min_parameters_, max_parameters_})
        connect(box, &QDoubleSpinBox::valueChanged, this, &CatalogPage::apply_filters);
    for (QCheckBox* box : {runs_locally_, fits_machine_})
        connect(box, &QCheckBox::toggled, this, &CatalogPage::apply_filters);
    connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &CatalogPage::show_current);
    connect(details_, &CatalogDetails::downloadRequested, this, &CatalogPage::start_download);
    connect(details_, &CatalogDetails::measureRequested, this, &CatalogPage::start_measure);
}

void CatalogPage::start_measure(const QString& tensor_type)
{
    if (measure_watcher_ && measure_watcher_->isRunning())
        return;
    if (!settings()) {
        details_->show_measure_finished(tr("There is no profile database to keep the result in."));
        return;
    }
    details_->show_measuring(
        tr("Measuring %1 generation speed on this machine (a few seconds)…").arg(tensor_type));
    measure_cancel_ = std::make_shared<std::atomic<bool>>(false);
    catalog::SpeedProbeOptions options;
    options.pipeline_cache_dir = storage::vulkan_cache_dir().toStdString();
    options.cancel = measure_cancel_.get();
    if (!measure_watcher_) {
        measure_watcher_ = new QFutureWatcher<MeasureOutcome>(this);
        connect(measure_watcher_, &QFutureWatcher<MeasureOutcome>::finished, this,
                &CatalogPage::finish_measure);
    }
    // The flag lives as long as the task: the lambda holds it.
    measure_watcher_->setFuture(
        QtConcurrent::run([tensor_type, options, cancel = measure_cancel_]() -> MeasureOutcome {
            auto measured = catalog::measure_decode_speed(tensor_type, options);
            if (!measured)
                return {nullptr, QString::fromStdString(measured.message())};
            return {std::make_shared<const catalog::SpeedMeasurement>(*measured), QString()};
        }));
}

void CatalogPage::finish_measure()
{
    const MeasureOutcome outcome = measure_watcher_->result();
    if (!outcome.measurement) {
        details_->show_measure_finished(tr("The measurement failed: %1").arg(outcome.error));
        return;
    }
    const catalog::SpeedMeasurement& m = *outcome.measurement;
    storage::SettingsStore* store = settings();
    const auto saved = catalog::record_speed_measurement(*store, m);
    details_->set_measurements(catalog::load_speed_measurements(*store));
    QString message = tr("%1 on %2: %3 GB/s of weights (%4 tokens/s on a %5-shaped model).")
                          .arg(m.tensor_type, m.device)
                          .arg(m.gb_per_s(), 0, 'f', 1)
                          .arg(m.tokens_per_second, 0, 'f', 1)
                          .arg(m.shape);
    if (!saved)
        message += QLatin1Char(' ') + tr("It could not be saved: %1").arg(saved.message());
    details_->show_measure_finished(message);
}

void CatalogPage::set_snapshot(catalog::CatalogSnapshot snapshot)
{
    std::set<QString> developers;
    for (const catalog::CatalogEntry& entry : snapshot.entries)
        developers.insert(entry.developer);
    for (const QString& developer : developers)
        developer_->addItem(developer, developer);
    if (!snapshot.problems.isEmpty()) {
        problems_->setText(tr("Some catalog entries could not be read:\n%1")
                               .arg(snapshot.problems.join(QLatin1Char('\n'))));
        problems_->setVisible(true);
    }
    table_model_->set_entries(std::move(snapshot.entries));
    table_->resizeColumnsToContents();
    apply_filters();
}

void CatalogPage::apply_filters()
{
    catalog::CatalogFilter filter;
    filter.text = search_->text();
    filter.developer = developer_->currentData().toString();
    filter.license_kind = license_kind_->currentData().toString();
    filter.commercial_use = commercial_use_->currentData().toString();
    filter.open_weights = tri_state(open_weights_);
    if (min_context_->currentData().isValid())
        filter.min_context = min_context_->currentData().toLongLong();
    if (min_parameters_->value() > 0)
        filter.min_parameters = static_cast<qint64>(min_parameters_->value() * 1e9);
    if (max_parameters_->value() > 0)
        filter.max_parameters = static_cast<qint64>(max_parameters_->value() * 1e9);
    filter.modality = modality_->currentData().toString();
    filter.reasoning = tri_state(reasoning_);
    filter.runs_locally = runs_locally_->isChecked();
    filter.fits_machine = fits_machine_->isChecked();
    filter_model_->set_filter(filter);
    summary_->setText(
        tr("%1 of %2 models").arg(filter_model_->rowCount()).arg(table_model_->rowCount()));
}

void CatalogPage::show_current()
{
    const QModelIndex current = filter_model_->mapToSource(table_->currentIndex());
    const catalog::CatalogEntry* entry =
        current.isValid() ? table_model_->entry(current.row()) : nullptr;
    details_->show_entry(entry ? std::optional<catalog::CatalogEntry>(*entry) : std::nullopt,
                         table_model_->machine());
}

void CatalogPage::start_download(const QString& key, const QString& quantization)
{
    const catalog::CatalogEntry* entry = nullptr;
    for (const catalog::CatalogEntry& candidate : table_model_->entries()) {
        if (candidate.key == key)
            entry = &candidate;
    }
    const catalog::LocalVariant* variant = nullptr;
    if (entry && entry->local) {
        for (const catalog::LocalVariant& candidate : entry->local->variants) {
            if (candidate.quantization == quantization)
                variant = &candidate;
        }
    }
    if (!variant || data_dir_.isEmpty()) {
        details_->show_download_finished(variant ? tr("there is no data folder to download into")
                                                 : tr("no such download"),
                                         false);
        return;
    }
    if (!downloader_) {
        downloader_ = new catalog::ModelDownloader(this);
        connect(downloader_, &catalog::ModelDownloader::progress, details_,
                &CatalogDetails::show_download_progress);
        connect(
            downloader_, &catalog::ModelDownloader::failed, details_,
            [this](const QString& message) { details_->show_download_finished(message, false); });
        connect(downloader_, &catalog::ModelDownloader::finished, this,
                [this](const catalog::DownloadResult& result) {
                    auto database = storage::open_kurabe_database(storage::database_path(data_dir_),
                                                                  storage::OpenMode::ReadWrite);
                    const QString problem =
                        database ? catalog::register_downloaded_model(**database, result)
                                 : database.message();
                    if (!problem.isEmpty()) {
                        details_->show_download_finished(
                            tr("%1 was downloaded but not added to the model library: %2")
                                .arg(result.path, problem),
                            false);
                        return;
                    }
                    details_->show_download_finished(
                        result.sha256_verified
                            ? tr("Downloaded %1 (sha256 verified).").arg(result.path)
                            : tr("Downloaded %1 (sha256 %2; the catalog lists none to compare).")
                                  .arg(result.path, result.sha256),
                        true);
                });
        connect(details_, &CatalogDetails::cancelRequested, downloader_,
                &catalog::ModelDownloader::cancel);
    }
    catalog::DownloadRequest request;
    request.url = QUrl(variant->url);
    request.destination = QDir(data_dir_).filePath(QStringLiteral("models/") + variant->file_name);
    request.expected_size = variant->size_bytes;
    request.expected_sha256 = variant->sha256;
    if (const QString refused = downloader_->start(request); !refused.isEmpty())
        details_->show_download_finished(refused, false);
    else
        details_->show_download_progress(0, variant->size_bytes.value_or(0));
}

} // namespace kurabe::ui
