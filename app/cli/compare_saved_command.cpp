// The `kurabe compare` subcommands on saved comparisons: list, show (and export), vote between
// two answers, rate one answer, and the leaderboard over every vote.
#include "cli/cli.h"
#include "cli/compare_command.h"
#include "cli/output.h"
#include "compare/bradley_terry.h"
#include "compare/comparison_export.h"
#include "compare/result_table.h"
#include "storage/data_dir.h"
#include "storage/schema/schema.h"
#include "storage/stores/comparison_store.h"

#include <QCommandLineParser>
#include <QJsonArray>
#include <QJsonDocument>

namespace kurabe::cli::compare_cli {

namespace {

const QString kName = QStringLiteral("compare");

} // namespace

QCommandLineOption data_dir_option()
{
    return {QStringLiteral("data-dir"), QStringLiteral("Keep all data in DIR."),
            QStringLiteral("DIR")};
}

QCommandLineOption json_option()
{
    return {QStringLiteral("json"), QStringLiteral("Print JSON.")};
}

OpenedStore open_store(const QString& requested_data_dir)
{
    OpenedStore opened;
    const storage::DataDir dir = storage::open_data_dir(requested_data_dir);
    if (dir.path.isEmpty()) {
        opened.error = dir.error;
        return opened;
    }
    opened.data_dir = dir.path;
    auto database = storage::open_kurabe_database(storage::database_path(dir.path),
                                                  storage::OpenMode::ReadWrite);
    if (!database) {
        opened.error = database.error().message;
        return opened;
    }
    opened.database = std::move(*database);
    return opened;
}

void print_json(const QJsonObject& object)
{
    out() << QJsonDocument(object).toJson(QJsonDocument::Indented);
    out().flush();
}

int list(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption tag_option(QStringLiteral("tag"), QStringLiteral("Only tagged T."),
                                        QStringLiteral("T"));
    parser.addOptions({tag_option, data_dir_option(), json_option()});
    if (!parser.parse(QStringList{QStringLiteral("kurabe compare list")} + args)) {
        return fail(kName, parser.errorText(), Usage);
    }
    OpenedStore opened = open_store(parser.value(data_dir_option()));
    if (!opened.database) {
        return fail(kName, opened.error);
    }
    storage::ComparisonStore store(*opened.database);
    auto list = parser.isSet(tag_option) ? store.list_tagged(parser.value(tag_option), 0, 1000)
                                         : store.list(0, 1000);
    if (!list) {
        return fail(kName, list.error().message);
    }
    QJsonArray rows;
    for (const storage::ComparisonInfo& info : *list) {
        if (parser.isSet(json_option())) {
            rows.append(QJsonObject{
                {"id", info.id}, {"title", info.title}, {"updated_at_ms", info.updated_at_ms}});
        } else {
            out() << QStringLiteral("%1\t%2\n").arg(info.id).arg(info.title);
        }
    }
    if (parser.isSet(json_option())) {
        print_json(QJsonObject{{"comparisons", rows}});
    }
    out().flush();
    return Ok;
}

int show(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption out_option(QStringLiteral("out"),
                                        QStringLiteral("Write FILE.csv|.json|.md|.html."),
                                        QStringLiteral("FILE"));
    parser.addOptions({out_option, data_dir_option(), json_option()});
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Comparison id."));
    if (!parser.parse(QStringList{QStringLiteral("kurabe compare show")} + args)) {
        return fail(kName, parser.errorText(), Usage);
    }
    bool ok = false;
    const qint64 id = parser.positionalArguments().value(0).toLongLong(&ok);
    if (!ok || parser.positionalArguments().size() != 1) {
        return fail(kName, QStringLiteral("usage: kurabe compare show ID [--out FILE] [--json]"),
                    Usage);
    }
    OpenedStore opened = open_store(parser.value(data_dir_option()));
    if (!opened.database) {
        return fail(kName, opened.error);
    }
    storage::ComparisonStore store(*opened.database);
    storage::StorageResult<storage::Comparison> comparison = store.comparison(id);
    if (!comparison) {
        return fail(kName, comparison.error().message);
    }
    if (parser.isSet(out_option)) {
        QString error;
        if (!app::write_comparison_export(*comparison, parser.value(out_option), &error)) {
            return fail(kName, error);
        }
    }
    if (parser.isSet(json_option())) {
        print_json(app::comparison_to_json(*comparison));
    } else {
        out() << comparison->info.title << "\n\n" << app::comparison_text_table(*comparison);
        out().flush();
    }
    return Ok;
}

int vote(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption prompt_option(
        QStringLiteral("prompt"), QStringLiteral("Prompt number (1-based)."), QStringLiteral("N"));
    const QCommandLineOption a_option(
        QStringLiteral("a"), QStringLiteral("Target A's column (1-based)."), QStringLiteral("I"));
    const QCommandLineOption b_option(
        QStringLiteral("b"), QStringLiteral("Target B's column (1-based)."), QStringLiteral("J"));
    const QCommandLineOption outcome_option(
        QStringLiteral("outcome"), QStringLiteral("a, b, tie or both_bad."), QStringLiteral("WHO"));
    parser.addOptions({prompt_option, a_option, b_option, outcome_option, data_dir_option()});
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Comparison id."));
    if (!parser.parse(QStringList{QStringLiteral("kurabe compare vote")} + args)) {
        return fail(kName, parser.errorText(), Usage);
    }
    bool ok_id = false, ok_p = false, ok_a = false, ok_b = false;
    const qint64 id = parser.positionalArguments().value(0).toLongLong(&ok_id);
    const int prompt = parser.value(prompt_option).toInt(&ok_p);
    const int a = parser.value(a_option).toInt(&ok_a);
    const int b = parser.value(b_option).toInt(&ok_b);
    const std::optional<storage::PairOutcome> outcome =
        storage::pairOutcomeFromName(parser.value(outcome_option));
    if (!ok_id || !ok_p || !ok_a || !ok_b || !outcome) {
        return fail(kName,
                    QStringLiteral("usage: kurabe compare vote ID --prompt N --a I --b J "
                                   "--outcome a|b|tie|both_bad"),
                    Usage);
    }
    OpenedStore opened = open_store(parser.value(data_dir_option()));
    if (!opened.database) {
        return fail(kName, opened.error);
    }
    storage::ComparisonStore store(*opened.database);
    storage::StorageResult<storage::Comparison> comparison = store.comparison(id);
    if (!comparison) {
        return fail(kName, comparison.error().message);
    }
    const auto n_prompts = static_cast<int>(comparison->prompts.size());
    const auto n_targets = static_cast<int>(comparison->targets.size());
    if (prompt < 1 || prompt > n_prompts || a < 1 || a > n_targets || b < 1 || b > n_targets ||
        a == b) {
        return fail(kName,
                    QStringLiteral("comparison %1 has prompts 1-%2 and targets 1-%3; A and B "
                                   "must be two different targets")
                        .arg(id)
                        .arg(n_prompts)
                        .arg(n_targets),
                    Usage);
    }
    auto voted =
        store.add_pair_vote(id, comparison->prompts[prompt - 1].id, comparison->targets[a - 1].id,
                            comparison->targets[b - 1].id, *outcome);
    if (!voted) {
        return fail(kName, voted.error().message);
    }
    return Ok;
}

int rate(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption prompt_option(
        QStringLiteral("prompt"), QStringLiteral("Prompt number (1-based)."), QStringLiteral("N"));
    const QCommandLineOption target_option(
        QStringLiteral("target"), QStringLiteral("Target column (1-based)."), QStringLiteral("I"));
    const QCommandLineOption rating_option(
        QStringLiteral("rating"), QStringLiteral("1 (bad) to 5 (good)."), QStringLiteral("R"));
    const QCommandLineOption clear_option(QStringLiteral("clear"),
                                          QStringLiteral("Remove the rating."));
    const QCommandLineOption note_option(QStringLiteral("note"), QStringLiteral("A comment."),
                                         QStringLiteral("TEXT"));
    parser.addOptions({prompt_option, target_option, rating_option, clear_option, note_option,
                       data_dir_option()});
    parser.addPositionalArgument(QStringLiteral("ID"), QStringLiteral("Comparison id."));
    if (!parser.parse(QStringList{QStringLiteral("kurabe compare rate")} + args)) {
        return fail(kName, parser.errorText(), Usage);
    }
    bool ok_id = false, ok_p = false, ok_t = false, ok_r = true;
    const qint64 id = parser.positionalArguments().value(0).toLongLong(&ok_id);
    const int prompt = parser.value(prompt_option).toInt(&ok_p);
    const int target = parser.value(target_option).toInt(&ok_t);
    std::optional<int> rating;
    if (parser.isSet(rating_option)) {
        rating = parser.value(rating_option).toInt(&ok_r);
    }
    const bool changes =
        parser.isSet(rating_option) || parser.isSet(clear_option) || parser.isSet(note_option);
    if (!ok_id || !ok_p || !ok_t || !ok_r || !changes ||
        (parser.isSet(rating_option) && parser.isSet(clear_option))) {
        return fail(kName,
                    QStringLiteral("usage: kurabe compare rate ID --prompt N --target I "
                                   "[--rating 1-5 | --clear] [--note TEXT]"),
                    Usage);
    }
    OpenedStore opened = open_store(parser.value(data_dir_option()));
    if (!opened.database) {
        return fail(kName, opened.error);
    }
    storage::ComparisonStore store(*opened.database);
    storage::StorageResult<storage::Comparison> comparison = store.comparison(id);
    if (!comparison) {
        return fail(kName, comparison.error().message);
    }
    const auto n_prompts = static_cast<int>(comparison->prompts.size());
    const auto n_targets = static_cast<int>(comparison->targets.size());
    if (prompt < 1 || prompt > n_prompts || target < 1 || target > n_targets) {
        return fail(kName,
                    QStringLiteral("comparison %1 has prompts 1-%2 and targets 1-%3")
                        .arg(id)
                        .arg(n_prompts)
                        .arg(n_targets),
                    Usage);
    }
    const storage::ComparisonResult* result = app::find_result(
        *comparison, comparison->prompts[prompt - 1].id, comparison->targets[target - 1].id);
    if (!result) {
        return fail(kName, QStringLiteral("target %1 has not answered prompt %2 of comparison %3 "
                                          "yet; run it first")
                               .arg(target)
                               .arg(prompt)
                               .arg(id));
    }
    if (parser.isSet(rating_option) || parser.isSet(clear_option)) {
        if (auto rated = store.set_rating(result->id, rating); !rated) {
            return fail(kName, rated.error().message);
        }
    }
    if (parser.isSet(note_option)) {
        if (auto noted = store.set_result_note(result->id, parser.value(note_option)); !noted) {
            return fail(kName, noted.error().message);
        }
    }
    return Ok;
}

int leaderboard(const QStringList& args)
{
    QCommandLineParser parser;
    const QCommandLineOption tag_option(
        QStringLiteral("tag"), QStringLiteral("Only comparisons tagged T."), QStringLiteral("T"));
    parser.addOptions({tag_option, data_dir_option(), json_option()});
    if (!parser.parse(QStringList{QStringLiteral("kurabe compare leaderboard")} + args)) {
        return fail(kName, parser.errorText(), Usage);
    }
    OpenedStore opened = open_store(parser.value(data_dir_option()));
    if (!opened.database) {
        return fail(kName, opened.error);
    }
    storage::ComparisonStore store(*opened.database);
    auto votes = store.labelled_pair_votes(parser.value(tag_option));
    if (!votes) {
        return fail(kName, votes.error().message);
    }
    const std::vector<app::PlayerRating> ratings =
        app::fit_bradley_terry(app::games_from_votes(*votes));
    if (parser.isSet(json_option())) {
        QJsonArray rows;
        for (const app::PlayerRating& r : ratings) {
            rows.append(QJsonObject{{"target", r.name},
                                    {"rating", r.rating},
                                    {"strength", r.strength},
                                    {"ci_low", r.ci_low},
                                    {"ci_high", r.ci_high},
                                    {"games", r.games},
                                    {"wins", r.wins}});
        }
        print_json(
            QJsonObject{{"votes", static_cast<qint64>(votes->size())}, {"leaderboard", rows}});
    } else if (ratings.empty()) {
        out() << "no votes yet: vote with `kurabe compare vote` or in the Compare page\n";
    } else {
        out() << app::leaderboard_text_table(ratings);
    }
    out().flush();
    return Ok;
}

} // namespace kurabe::cli::compare_cli
