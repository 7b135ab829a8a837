#include "ui/catalog/catalog_details.h"

#include "catalog/fit_estimate.h"
#include "ui/catalog/catalog_table_model.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollBar>
#include <QTextBrowser>
#include <QVBoxLayout>

namespace kurabe::ui {

using catalog::CatalogEntry;

namespace {

QString esc(const QString& text)
{
    return text.toHtmlEscaped();
}

QString unknown_or(const QString& text)
{
    return text.isEmpty() ? CatalogDetails::tr("unknown") : esc(text);
}

QString yes_no(std::optional<bool> value)
{
    if (!value)
        return CatalogDetails::tr("unknown");
    return *value ? CatalogDetails::tr("yes") : CatalogDetails::tr("no");
}

QString link(const QString& url, const QString& title)
{
    if (!url.startsWith(QLatin1String("https://")))
        return esc(title.isEmpty() ? url : title) +
               (url.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(esc(url)));
    return QStringLiteral("<a href=\"%1\">%2</a>")
        .arg(esc(url), esc(title.isEmpty() ? url : title));
}

QString row(const QString& label, const QString& value_html)
{
    return QStringLiteral("<tr><th align=left valign=top>%1</th><td>%2</td></tr>")
        .arg(esc(label), value_html);
}

QString measured_basis(const catalog::SpeedMeasurement& m)
{
    return CatalogDetails::tr("measured here: %1 GB/s of weights decoding a %2-shaped %3 model "
                              "on %4 (%5 tokens/s), %6")
        .arg(m.gb_per_s(), 0, 'f', 1)
        .arg(esc(m.shape), esc(m.tensor_type), esc(m.device))
        .arg(m.tokens_per_second, 0, 'f', 1)
        .arg(QLocale().toString(m.measured_at.toLocalTime(), QLocale::ShortFormat));
}

QString variants_html(const CatalogEntry& entry, const catalog::MachineMemory& machine,
                      const std::vector<catalog::SpeedMeasurement>& measurements)
{
    QString html = QStringLiteral("<h3>%1</h3>").arg(CatalogDetails::tr("Local downloads (GGUF)"));
    html += QStringLiteral("<p>%1: %2 · %3</p>")
                .arg(CatalogDetails::tr("Architecture"), esc(entry.local->architecture),
                     link(entry.local->repository, CatalogDetails::tr("repository")));
    html += QStringLiteral("<table border=1 cellpadding=3 cellspacing=0><tr><th>%1</th><th>%2</th>"
                           "<th>%3</th><th>%4</th><th>%5</th><th>%6</th></tr>")
                .arg(CatalogDetails::tr("Quantization"), CatalogDetails::tr("File"),
                     CatalogDetails::tr("Size"), CatalogDetails::tr("Memory needed (estimate)"),
                     CatalogDetails::tr("Here"), CatalogDetails::tr("Speed here (estimate)"));
    QString basis;
    QStringList measured_bases;
    for (const catalog::LocalVariant& variant : entry.local->variants) {
        const catalog::FitEstimate fit = catalog::estimate_fit(entry, variant, machine);
        std::optional<catalog::MeasuredBandwidth> bandwidth;
        if (const auto m = catalog::find_measurement(
                measurements, catalog::main_tensor_type(variant.quantization))) {
            bandwidth = catalog::MeasuredBandwidth{m->gb_per_s(), measured_basis(*m)};
            if (!measured_bases.contains(bandwidth->basis))
                measured_bases.append(bandwidth->basis);
        }
        const auto speed = catalog::estimate_generation_speed(entry, variant, machine, bandwidth);
        html +=
            QStringLiteral("<tr><td>%1</td><td>%2%3</td><td>%4</td><td>%5</td><td>%6</td>"
                           "<td>%7</td></tr>")
                .arg(
                    esc(variant.quantization), link(variant.url, variant.file_name),
                    variant.sha256.isEmpty()
                        ? QString()
                        : QStringLiteral(" <small>sha256 %1…</small>").arg(variant.sha256.left(12)),
                    variant.size_bytes ? format_bytes(*variant.size_bytes)
                                       : CatalogDetails::tr("unknown"),
                    variant.size_bytes ? format_bytes(fit.total_bytes()) : QString(),
                    catalog::fit_verdict_text(fit.verdict),
                    !speed            ? QString()
                    : speed->measured ? CatalogDetails::tr("~%1 tokens/s (measured)")
                                            .arg(speed->tokens_per_second, 0, 'f', 1)
                                      : CatalogDetails::tr("~%1 tokens/s")
                                            .arg(speed->tokens_per_second, 0, 'f', 0));
        if (speed && !speed->measured)
            basis = CatalogDetails::tr("assuming %1 GB/s of memory bandwidth (%2)")
                        .arg(speed->bandwidth_gb_per_s, 0, 'f', 0)
                        .arg(esc(speed->bandwidth_basis));
    }
    html += QStringLiteral("</table>");
    if (basis.isEmpty()) {
        const catalog::SpeedEstimate assumed = catalog::assumed_memory_bandwidth(machine, false);
        basis = CatalogDetails::tr("assuming %1 GB/s of memory bandwidth (%2)")
                    .arg(assumed.bandwidth_gb_per_s, 0, 'f', 0)
                    .arg(esc(assumed.bandwidth_basis));
    }
    html +=
        QStringLiteral("<p><small>%1</small></p>")
            .arg(CatalogDetails::tr(
                     "Estimates, not measurements. Memory: the file, plus a KV cache for "
                     "%1 tokens estimated from the parameter count, plus work buffers; "
                     "this machine offers %2 (%3). Speed: generation reads every weight "
                     "once per token, so tokens/s ≈ memory bandwidth ÷ file size, %4. "
                     "`kurabe bench` measures the real speed once the file is here.")
                     .arg(catalog::kDefaultFitContextTokens)
                     .arg(format_bytes(machine.usable_bytes()))
                     .arg(machine.usable_gpu_bytes() > machine.usable_ram_bytes()
                              ? CatalogDetails::tr("GPU memory of %1").arg(esc(machine.gpu_name))
                              : CatalogDetails::tr("3/4 of the system memory"))
                     .arg(basis));
    if (!measured_bases.isEmpty())
        html += QStringLiteral("<p><small>%1 %2</small></p>")
                    .arg(CatalogDetails::tr("Speeds marked \"measured\" divide the weight "
                                            "bandwidth measured on this machine by the file's "
                                            "bytes per token:"),
                         measured_bases.join(QStringLiteral("; ")));
    return html;
}

QString remote_html(const CatalogEntry& entry)
{
    QString html = QStringLiteral("<h3>%1</h3><ul>").arg(CatalogDetails::tr("Remote APIs"));
    const auto price = [](std::optional<double> usd) {
        return usd ? QStringLiteral("$%1").arg(*usd) : CatalogDetails::tr("unknown");
    };
    for (const catalog::RemoteOffering& offering : entry.remote) {
        html += QStringLiteral("<li><b>%1</b> <code>%2</code> — %3</li>")
                    .arg(esc(offering.provider), esc(offering.model_id),
                         CatalogDetails::tr("input %1, output %2 per million tokens (as of %3)")
                             .arg(price(offering.price_input_per_mtok),
                                  price(offering.price_output_per_mtok),
                                  unknown_or(offering.price_as_of)));
    }
    return html + QStringLiteral("</ul>");
}

} // namespace

QString catalog_details_html(const CatalogEntry& entry, const catalog::MachineMemory& machine,
                             const std::vector<catalog::SpeedMeasurement>& measurements)
{
    QString html =
        QStringLiteral("<h2>%1</h2><p>%2</p>").arg(esc(entry.name), esc(ui_description(entry)));
    html += QStringLiteral("<table cellpadding=2>");
    html += row(CatalogDetails::tr("Key"), QStringLiteral("<code>%1</code>").arg(esc(entry.key)));
    html += row(CatalogDetails::tr("Developer"), esc(entry.developer));
    html += row(CatalogDetails::tr("Family"), unknown_or(entry.family));
    html += row(CatalogDetails::tr("Kind"), esc(entry.kind));
    html += row(CatalogDetails::tr("Released"), unknown_or(entry.release_date));
    QString parameters = unknown_or(format_count(entry.parameters_total));
    if (entry.parameters_active)
        parameters +=
            CatalogDetails::tr(" (%1 active per token)").arg(format_count(entry.parameters_active));
    html += row(CatalogDetails::tr("Parameters"), parameters);
    html += row(CatalogDetails::tr("Context length"),
                entry.context_length ? CatalogDetails::tr("%1 tokens").arg(*entry.context_length)
                                     : CatalogDetails::tr("unknown"));
    html +=
        row(CatalogDetails::tr("Maximum output"),
            entry.max_output_tokens ? CatalogDetails::tr("%1 tokens").arg(*entry.max_output_tokens)
                                    : CatalogDetails::tr("unknown"));
    QString license =
        link(entry.license.url,
             entry.license.name.isEmpty() ? CatalogDetails::tr("unknown") : entry.license.name);
    if (!entry.license.spdx.isEmpty())
        license += QStringLiteral(" (SPDX: %1)").arg(esc(entry.license.spdx));
    html += row(CatalogDetails::tr("License"), license);
    html += row(CatalogDetails::tr("License kind"), esc(entry.license.kind));
    html += row(CatalogDetails::tr("Commercial use"), unknown_or(entry.license.commercial_use));
    html += row(CatalogDetails::tr("Open weights"), yes_no(entry.open_weights));
    html +=
        row(CatalogDetails::tr("Input"), esc(entry.input_modalities.join(QStringLiteral(", "))));
    html +=
        row(CatalogDetails::tr("Output"), esc(entry.output_modalities.join(QStringLiteral(", "))));
    html += row(CatalogDetails::tr("Reasoning mode"), yes_no(entry.reasoning));
    html += row(CatalogDetails::tr("Tool use"), yes_no(entry.tool_use));
    html += row(CatalogDetails::tr("Languages"),
                unknown_or(entry.languages.join(QStringLiteral(", "))));
    html += row(CatalogDetails::tr("As of"), esc(entry.as_of));
    html += QStringLiteral("</table>");
    if (!entry.notes.isEmpty())
        html += QStringLiteral("<p><b>%1</b> %2</p>")
                    .arg(esc(CatalogDetails::tr("Notes:")), esc(entry.notes));
    if (entry.local)
        html += variants_html(entry, machine, measurements);
    if (!entry.remote.empty())
        html += remote_html(entry);
    html += QStringLiteral("<h3>%1</h3><ol>").arg(CatalogDetails::tr("Sources"));
    for (const catalog::Source& source : entry.sources) {
        html +=
            QStringLiteral("<li>%1%2</li>")
                .arg(link(source.url, source.title),
                     source.note.isEmpty() ? QString() : QStringLiteral(" — ") + esc(source.note));
    }
    return html + QStringLiteral("</ol>");
}

CatalogDetails::CatalogDetails(QWidget* parent) : QWidget(parent)
{
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    text_ = new QTextBrowser(this);
    text_->setObjectName(QStringLiteral("catalog-details-text"));
    text_->setOpenExternalLinks(true);
    layout->addWidget(text_, 1);

    auto* download_row = new QHBoxLayout;
    variants_ = new QComboBox(this);
    variants_->setObjectName(QStringLiteral("catalog-variant"));
    download_ = new QPushButton(tr("Download"), this);
    download_->setObjectName(QStringLiteral("catalog-download"));
    cancel_ = new QPushButton(tr("Cancel"), this);
    cancel_->setObjectName(QStringLiteral("catalog-download-cancel"));
    cancel_->setEnabled(false);
    progress_ = new QProgressBar(this);
    progress_->setObjectName(QStringLiteral("catalog-download-progress"));
    progress_->setVisible(false);
    measure_ = new QPushButton(tr("Measure speed here"), this);
    measure_->setObjectName(QStringLiteral("catalog-measure-speed"));
    measure_->setToolTip(tr("Times a few generated tokens of a small model with the chosen "
                            "file's weight type on this machine (a few seconds), then estimates "
                            "every file of that type from it"));
    download_row->addWidget(variants_, 1);
    download_row->addWidget(download_);
    download_row->addWidget(cancel_);
    download_row->addWidget(measure_);
    layout->addLayout(download_row);
    layout->addWidget(progress_);
    status_ = new QLabel(this);
    status_->setObjectName(QStringLiteral("catalog-download-status"));
    status_->setWordWrap(true);
    layout->addWidget(status_);

    connect(download_, &QPushButton::clicked, this, [this] {
        if (entry_ && variants_->currentIndex() >= 0)
            Q_EMIT downloadRequested(entry_->key, variants_->currentData().toString());
    });
    connect(cancel_, &QPushButton::clicked, this, &CatalogDetails::cancelRequested);
    connect(measure_, &QPushButton::clicked, this, [this] {
        if (!entry_ || variants_->currentIndex() < 0)
            return;
        const QString type = catalog::main_tensor_type(variants_->currentData().toString());
        if (type.isEmpty()) {
            status_->setText(tr("Kurabe cannot run %1 files, so it cannot measure them.")
                                 .arg(variants_->currentData().toString()));
            return;
        }
        Q_EMIT measureRequested(type);
    });
    show_entry(std::nullopt, {});
}

void CatalogDetails::show_entry(const std::optional<CatalogEntry>& entry,
                                const catalog::MachineMemory& machine)
{
    entry_ = entry;
    machine_ = machine;
    const QString chosen = variants_->currentData().toString();
    variants_->clear();
    if (!entry) {
        text_->setHtml(QStringLiteral("<p>%1</p>").arg(tr("Choose a model to see its details.")));
    } else {
        text_->setHtml(catalog_details_html(*entry, machine, measurements_));
        if (entry->local) {
            for (const catalog::LocalVariant& variant : entry->local->variants) {
                const QString size =
                    variant.size_bytes ? format_bytes(*variant.size_bytes) : tr("size unknown");
                variants_->addItem(QStringLiteral("%1 — %2 (%3)")
                                       .arg(variant.quantization, variant.file_name, size),
                                   variant.quantization);
            }
        }
    }
    if (const int again = variants_->findData(chosen); again >= 0)
        variants_->setCurrentIndex(again); // the same entry shown again keeps its choice
    const bool downloadable = variants_->count() > 0;
    variants_->setVisible(downloadable);
    download_->setVisible(downloadable);
    cancel_->setVisible(downloadable);
    measure_->setVisible(downloadable);
}

void CatalogDetails::set_measurements(std::vector<catalog::SpeedMeasurement> measurements)
{
    measurements_ = std::move(measurements);
    if (entry_) {
        const int scrolled = text_->verticalScrollBar()->value();
        text_->setHtml(catalog_details_html(*entry_, machine_, measurements_));
        text_->verticalScrollBar()->setValue(scrolled);
    }
}

void CatalogDetails::show_measuring(const QString& message)
{
    measure_->setEnabled(false);
    status_->setText(message);
}

void CatalogDetails::show_measure_finished(const QString& message)
{
    measure_->setEnabled(true);
    status_->setText(message);
}

QString CatalogDetails::html() const
{
    return text_->toHtml();
}

void CatalogDetails::show_download_progress(qint64 received, qint64 total)
{
    progress_->setVisible(true);
    download_->setEnabled(false);
    cancel_->setEnabled(true);
    // QProgressBar holds an int: show MiB.
    progress_->setRange(0, total > 0 ? static_cast<int>(total / (1024 * 1024)) + 1 : 0);
    progress_->setValue(static_cast<int>(received / (1024 * 1024)));
    if (first_received_ < 0) {
        first_received_ = received;
        download_clock_.start();
    }
    QString text =
        total > 0 ? tr("Downloading: %1 of %2").arg(format_bytes(received), format_bytes(total))
                  : tr("Downloading: %1").arg(format_bytes(received));
    const double seconds = static_cast<double>(download_clock_.elapsed()) / 1000;
    const double rate = seconds > 1 ? static_cast<double>(received - first_received_) / seconds : 0;
    if (rate > 0) {
        text += tr(", %1/s").arg(format_bytes(static_cast<qint64>(rate)));
        if (total > received) {
            const qint64 eta = static_cast<qint64>(static_cast<double>(total - received) / rate);
            text += tr(", about %1:%2 left").arg(eta / 60).arg(eta % 60, 2, 10, QLatin1Char('0'));
        }
    }
    status_->setText(text);
}

void CatalogDetails::show_download_finished(const QString& message, bool ok)
{
    first_received_ = -1;
    progress_->setVisible(false);
    download_->setEnabled(true);
    cancel_->setEnabled(false);
    status_->setText(ok ? message : tr("Download failed: %1").arg(message));
}

} // namespace kurabe::ui
