#include "inference/remote/api_key_store.h"

#include <QDir>
#include <QFile>
#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>
#include <qt6keychain/keychain.h>

namespace kurabe::inference::remote {

namespace {

const QString kService = QStringLiteral("Kurabe");

// Keychain errors that mean "no keychain here", as opposed to a refusal by the user.
bool keychainUnavailable(QKeychain::Error error)
{
    return error == QKeychain::NoBackendAvailable || error == QKeychain::NotImplemented ||
           error == QKeychain::OtherError;
}

} // namespace

ApiKeyStore::Options ApiKeyStore::optionsFromEnvironment(const QString& data_dir)
{
    Options options;
    options.file_path = QDir(data_dir).filePath(QStringLiteral("api-keys.enc"));
    options.passphrase = qEnvironmentVariable("KURABE_SECRETS_PASSPHRASE");
    const QString storage = qEnvironmentVariable("KURABE_KEYSTORE");
    if (storage == QLatin1String("file"))
        options.storage = Storage::File;
    else if (storage == QLatin1String("keychain"))
        options.storage = Storage::Keychain;
#if defined(Q_OS_LINUX)
    // Linux keychains answer on the D-Bus session bus; without one, asking would only fail.
    else if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        options.storage = Storage::File;
#endif
    return options;
}

ApiKeyStore::ApiKeyStore(Options options, QObject* parent)
    : QObject(parent), options_(std::move(options))
{}

EncryptedKeyFile ApiKeyStore::file() const
{
    return EncryptedKeyFile(options_.file_path, options_.passphrase, options_.cost);
}

void ApiKeyStore::readFile(const QString& reference, const ReadDone& done)
{
    last_storage_ = QStringLiteral("file");
    auto* watcher = new QFutureWatcher<KeyFileResult>(this);
    connect(watcher, &QFutureWatcher<KeyFileResult>::finished, this, [watcher, reference, done] {
        const KeyFileResult result = watcher->result();
        watcher->deleteLater();
        std::optional<QString> key;
        if (result.ok() && result.keys.contains(reference))
            key = result.keys.value(reference);
        done(key, result.error);
    });
    // The worker has its own copy of the file's path and passphrase.
    watcher->setFuture(QtConcurrent::run(
        &decrypt_pool_, [file = file(), reference] { return file.read(reference); }));
}

void ApiKeyStore::readKey(const QString& reference, ReadDone done)
{
    if (options_.storage == Storage::File) {
        readFile(reference, done);
        return;
    }
    auto* job = new QKeychain::ReadPasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(reference);
    connect(job, &QKeychain::Job::finished, this, [this, job, reference, done] {
        if (job->error() == QKeychain::NoError) {
            last_storage_ = QStringLiteral("keychain");
            done(job->textData(), QString());
            return;
        }
        // Not in the keychain (or no keychain): it may have been saved to the file when the
        // keychain was unreachable.
        if (options_.storage == Storage::KeychainThenFile &&
            (job->error() == QKeychain::EntryNotFound || keychainUnavailable(job->error()))) {
            readFile(reference, done);
            return;
        }
        last_storage_ = QStringLiteral("keychain");
        if (job->error() == QKeychain::EntryNotFound)
            done(std::nullopt, QString());
        else
            done(std::nullopt, QStringLiteral("keychain: %1").arg(job->errorString()));
    });
    job->start();
}

void ApiKeyStore::writeKey(const QString& reference, const QString& key, WriteDone done)
{
    const auto writeFile = [this, reference, key, done] {
        last_storage_ = QStringLiteral("file");
        const QString error = file().write(reference, key);
        QTimer::singleShot(0, this, [done, error] { done(error); });
    };
    if (options_.storage == Storage::File) {
        writeFile();
        return;
    }
    auto* job = new QKeychain::WritePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(reference);
    job->setTextData(key);
    connect(job, &QKeychain::Job::finished, this, [this, job, done, writeFile] {
        if (job->error() != QKeychain::NoError && options_.storage == Storage::KeychainThenFile &&
            keychainUnavailable(job->error())) {
            writeFile();
            return;
        }
        last_storage_ = QStringLiteral("keychain");
        done(job->error() == QKeychain::NoError
                 ? QString()
                 : QStringLiteral("keychain: %1").arg(job->errorString()));
    });
    job->start();
}

void ApiKeyStore::removeKey(const QString& reference, WriteDone done)
{
    const auto removeFile = [this, reference, done] {
        last_storage_ = QStringLiteral("file");
        const QString error = file().remove(reference);
        QTimer::singleShot(0, this, [done, error] { done(error); });
    };
    if (options_.storage == Storage::File) {
        removeFile();
        return;
    }
    auto* job = new QKeychain::DeletePasswordJob(kService, this);
    job->setAutoDelete(true);
    job->setKey(reference);
    connect(job, &QKeychain::Job::finished, this, [this, job, done, removeFile] {
        // Removed from the keychain or not: a copy may also sit in the file.
        if (options_.storage == Storage::KeychainThenFile && QFile::exists(options_.file_path)) {
            removeFile();
            return;
        }
        last_storage_ = QStringLiteral("keychain");
        const bool ok =
            job->error() == QKeychain::NoError || job->error() == QKeychain::EntryNotFound;
        done(ok ? QString() : QStringLiteral("keychain: %1").arg(job->errorString()));
    });
    job->start();
}

} // namespace kurabe::inference::remote
