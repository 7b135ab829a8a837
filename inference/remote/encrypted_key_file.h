// API keys in a file encrypted with AES-256-GCM, for machines without a keychain service (CI,
// minimal desktops). The key is derived from the user's passphrase with scrypt and a random
// salt; every save uses a fresh random 12-byte nonce; the header is authenticated with the
// ciphertext, so a changed byte anywhere — or a wrong passphrase — fails to open, never decrypts
// to garbage.
//
// File layout (version 1), all integers big-endian:
//   "KURABEKF" | u8 version = 1 | u8 log2(N) | u8 r | u8 p | salt[16] | nonce[12] |
//   ciphertext (JSON object {reference: key}) | tag[16]
#pragma once

#include <QMap>
#include <QString>

#include <optional>

namespace kurabe::inference::remote {

// scrypt cost: N = 2^log2_n, r, p. The defaults take about 32 MiB and a fraction of a second.
struct ScryptCost
{
    int log2_n = 15;
    int r = 8;
    int p = 1;
};

struct KeyFileResult
{
    QMap<QString, QString> keys; // reference -> API key
    QString error;               // empty on success; never contains a key or the passphrase
    bool ok() const { return error.isEmpty(); }
};

class EncryptedKeyFile
{
public:
    EncryptedKeyFile(QString path, QString passphrase, ScryptCost cost = {});

    // Every key in the file; an empty map when the file does not exist yet.
    KeyFileResult load() const;
    // Replaces the file's contents atomically (owner read/write only). Returns an error or empty.
    QString save(const QMap<QString, QString>& keys) const;

    // One key by reference: read (nullopt when absent), write, remove. Errors as above.
    KeyFileResult read(const QString& reference) const;
    QString write(const QString& reference, const QString& key) const;
    QString remove(const QString& reference) const;

    const QString& path() const { return path_; }

private:
    QString path_;
    QString passphrase_;
    ScryptCost cost_;
};

} // namespace kurabe::inference::remote
