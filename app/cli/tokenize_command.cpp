#include "cli/tokenize_command.h"

#include "cli/cli.h"
#include "cli/output.h"
#include "gguf/gguf_file.h"
#include "tokenizer/tokenizer.h"

#include <QCommandLineParser>
#include <QFile>

namespace kurabe::cli {

int run_tokenize_command(const QStringList& args)
{
    const QString name = QStringLiteral("tokenize");
    QCommandLineParser parser;
    const QCommandLineOption model_option(QStringList{QStringLiteral("m"), QStringLiteral("model")},
                                          QStringLiteral("GGUF model or vocabulary file."),
                                          QStringLiteral("FILE"));
    const QCommandLineOption no_bos(QStringLiteral("no-bos"),
                                    QStringLiteral("Do not add BOS/EOS tokens."));
    const QCommandLineOption no_special(QStringLiteral("no-parse-special"),
                                        QStringLiteral("Treat special-token text as plain text."));
    const QCommandLineOption json(QStringLiteral("json"), QStringLiteral("JSON output (default)."));
    parser.addOptions({model_option, no_bos, no_special, json});
    if (!parser.parse(QStringList{QStringLiteral("kurabe tokenize")} + args))
        return fail(name, parser.errorText(), Usage);
    if (!parser.isSet(model_option))
        return fail(name,
                    QStringLiteral("usage: kurabe tokenize -m FILE [--no-bos] "
                                   "[--no-parse-special] < text"),
                    Usage);

    auto file = GgufFile::open(parser.value(model_option).toStdString());
    if (!file)
        return fail(name, QString::fromStdString(file.message()));
    auto tokenizer = Tokenizer::from_gguf(**file);
    if (!tokenizer)
        return fail(name, QString::fromStdString(tokenizer.message()));

    QFile input;
    if (!input.open(stdin, QIODevice::ReadOnly))
        return fail(name, QStringLiteral("cannot read standard input"));
    const QByteArray text = input.readAll();
    const std::vector<int32_t> ids =
        (*tokenizer)
            ->encode(std::string_view(text.constData(), static_cast<size_t>(text.size())),
                     !parser.isSet(no_bos), !parser.isSet(no_special));
    QString line = QStringLiteral("[");
    for (size_t i = 0; i < ids.size(); ++i) {
        if (i)
            line += QStringLiteral(", ");
        line += QString::number(ids[i]);
    }
    line += QStringLiteral("]");
    out() << line << '\n';
    out().flush();
    return Ok;
}

} // namespace kurabe::cli
