// Where API keys live: the OS keychain through QtKeychain (Secret Service / KWallet, macOS
// Keychain, Windows Credential Manager) under the service "Kurabe", or — where no keychain
// service answers (CI, minimal desktops) — the AES-256-GCM key file. The database keeps only the
// reference (providers.keychain_ref); keys are never logged or put in error messages.
#pragma once

#include "inference/remote/encrypted_key_file.h"

#include <QObject>
#include <QString>
#include <QThreadPool>

#include <functional>
#include <optional>

namespace kurabe::inference::remote {

class ApiKeyStore : public QObject
{
    Q_OBJECT
public:
    enum class Storage
    {
        KeychainThenFile, // the keychain; the file when no keychain service is reachable
        Keychain,
        File,
    };
    struct Options
    {
        Storage storage = Storage::KeychainThenFile;
        QString file_path;  // the encrypted key file
        QString passphrase; // for the file
        ScryptCost cost;
    };

    // From the environment: KURABE_SECRETS_PASSPHRASE (the file's passphrase), KURABE_KEYSTORE
    // ("file" or "keychain"), and no D-Bus session bus on Linux meaning no keychain service.
    static Options optionsFromEnvironment(const QString& data_dir);

    explicit ApiKeyStore(Options options, QObject* parent = nullptr);

    // `key` is nullopt when nothing is stored under the reference. Callbacks run later, from
    // the event loop, exactly once.
    using ReadDone = std::function<void(std::optional<QString> key, QString error)>;
    using WriteDone = std::function<void(QString error)>;
    void readKey(const QString& reference, ReadDone done);
    void writeKey(const QString& reference, const QString& key, WriteDone done);
    void removeKey(const QString& reference, WriteDone done);

    // "keychain" or "file": where the last operation was served, so a fallback can be shown.
    const QString& lastStorageUsed() const { return last_storage_; }

private:
    void readFile(const QString& reference, const ReadDone& done);
    EncryptedKeyFile file() const;

    Options options_;
    QString last_storage_;
    // Key-file reads (scrypt: tens to hundreds of milliseconds) run here, off the caller's
    // thread, and in a pool of the store's own: a caller that itself runs in the global pool
    // and waits for its keys (the provider registry) cannot starve it. Destroying the store
    // waits for a read in progress.
    QThreadPool decrypt_pool_;
};

} // namespace kurabe::inference::remote
