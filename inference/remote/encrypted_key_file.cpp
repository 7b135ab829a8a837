#include "inference/remote/encrypted_key_file.h"

#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>

#include <array>
#include <memory>
#include <openssl/evp.h>
#include <openssl/rand.h>

namespace kurabe::inference::remote {

namespace {

constexpr char kMagic[] = "KURABEKF";
constexpr qsizetype kMagicSize = 8;
constexpr quint8 kVersion = 1;
constexpr qsizetype kSaltSize = 16;
constexpr qsizetype kNonceSize = 12;
constexpr qsizetype kTagSize = 16;
constexpr qsizetype kHeaderSize = kMagicSize + 4 + kSaltSize + kNonceSize;
constexpr int kKeySize = 32; // AES-256

struct CipherContextFree
{
    void operator()(EVP_CIPHER_CTX* context) const { EVP_CIPHER_CTX_free(context); }
};
using CipherContext = std::unique_ptr<EVP_CIPHER_CTX, CipherContextFree>;

// Overwrites derived key material before it is released.
struct SecretBytes
{
    std::array<unsigned char, kKeySize> bytes{};
    ~SecretBytes() { OPENSSL_cleanse(bytes.data(), bytes.size()); }
};

bool deriveKey(const QString& passphrase, const QByteArray& salt, const ScryptCost& cost,
               SecretBytes& key)
{
    QByteArray secret = passphrase.toUtf8();
    const uint64_t n = uint64_t(1) << cost.log2_n;
    // scrypt needs 128 * N * r bytes; allow twice that.
    const uint64_t max_memory = 256 * n * static_cast<uint64_t>(cost.r);
    const int ok = EVP_PBE_scrypt(secret.constData(), static_cast<size_t>(secret.size()),
                                  reinterpret_cast<const unsigned char*>(salt.constData()),
                                  static_cast<size_t>(salt.size()), n,
                                  static_cast<uint64_t>(cost.r), static_cast<uint64_t>(cost.p),
                                  max_memory, key.bytes.data(), key.bytes.size());
    OPENSSL_cleanse(secret.data(), static_cast<size_t>(secret.size()));
    return ok == 1;
}

QString fileError(const QString& path, const QString& what)
{
    return QStringLiteral("%1: %2").arg(path, what);
}

} // namespace

EncryptedKeyFile::EncryptedKeyFile(QString path, QString passphrase, ScryptCost cost)
    : path_(std::move(path)), passphrase_(std::move(passphrase)), cost_(cost)
{}

KeyFileResult EncryptedKeyFile::load() const
{
    KeyFileResult result;
    QFile file(path_);
    if (!file.exists())
        return result;
    if (passphrase_.isEmpty()) {
        result.error = fileError(path_, QStringLiteral("a passphrase is needed to open the key "
                                                       "file (set KURABE_SECRETS_PASSPHRASE)"));
        return result;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = fileError(path_, file.errorString());
        return result;
    }
    const QByteArray bytes = file.readAll();
    if (bytes.size() < kHeaderSize + kTagSize ||
        !bytes.startsWith(QByteArray(kMagic, kMagicSize))) {
        result.error = fileError(path_, QStringLiteral("not a Kurabe key file"));
        return result;
    }
    const auto at = [&](qsizetype i) { return static_cast<quint8>(bytes[i]); };
    if (at(kMagicSize) != kVersion) {
        result.error = fileError(path_, QStringLiteral("key file version %1 is not one this "
                                                       "Kurabe reads")
                                            .arg(at(kMagicSize)));
        return result;
    }
    ScryptCost cost{at(kMagicSize + 1), at(kMagicSize + 2), at(kMagicSize + 3)};
    if (cost.log2_n < 10 || cost.log2_n > 22 || cost.r < 1 || cost.r > 32 || cost.p < 1 ||
        cost.p > 16) {
        result.error = fileError(path_, QStringLiteral("the key file's scrypt parameters are out "
                                                       "of range (the file is damaged)"));
        return result;
    }
    const QByteArray header = bytes.left(kHeaderSize);
    const QByteArray salt = bytes.mid(kMagicSize + 4, kSaltSize);
    const QByteArray nonce = bytes.mid(kMagicSize + 4 + kSaltSize, kNonceSize);
    const QByteArray ciphertext = bytes.mid(kHeaderSize, bytes.size() - kHeaderSize - kTagSize);
    QByteArray tag = bytes.right(kTagSize);

    SecretBytes key;
    if (!deriveKey(passphrase_, salt, cost, key)) {
        result.error = fileError(path_, QStringLiteral("could not derive the key (scrypt failed)"));
        return result;
    }
    CipherContext context(EVP_CIPHER_CTX_new());
    QByteArray plaintext(ciphertext.size() + 16, Qt::Uninitialized);
    int length = 0;
    int final_length = 0;
    const auto* in = reinterpret_cast<const unsigned char*>(ciphertext.constData());
    auto* out = reinterpret_cast<unsigned char*>(plaintext.data());
    const bool ok =
        context &&
        EVP_DecryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceSize, nullptr) == 1 &&
        EVP_DecryptInit_ex(context.get(), nullptr, nullptr, key.bytes.data(),
                           reinterpret_cast<const unsigned char*>(nonce.constData())) == 1 &&
        EVP_DecryptUpdate(context.get(), nullptr, &length,
                          reinterpret_cast<const unsigned char*>(header.constData()),
                          static_cast<int>(header.size())) == 1 &&
        EVP_DecryptUpdate(context.get(), out, &length, in, static_cast<int>(ciphertext.size())) ==
            1 &&
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_TAG, kTagSize, tag.data()) == 1 &&
        EVP_DecryptFinal_ex(context.get(), out + length, &final_length) == 1;
    if (!ok) {
        OPENSSL_cleanse(plaintext.data(), static_cast<size_t>(plaintext.size()));
        result.error = fileError(path_, QStringLiteral("wrong passphrase, or the file was changed "
                                                       "or damaged"));
        return result;
    }
    plaintext.resize(length + final_length);
    const QJsonObject object = QJsonDocument::fromJson(plaintext).object();
    OPENSSL_cleanse(plaintext.data(), static_cast<size_t>(plaintext.size()));
    for (auto it = object.begin(); it != object.end(); ++it)
        result.keys.insert(it.key(), it.value().toString());
    return result;
}

QString EncryptedKeyFile::save(const QMap<QString, QString>& keys) const
{
    if (passphrase_.isEmpty())
        return fileError(path_, QStringLiteral("a passphrase is needed to encrypt the key file "
                                               "(set KURABE_SECRETS_PASSPHRASE)"));
    QJsonObject object;
    for (auto it = keys.begin(); it != keys.end(); ++it)
        object.insert(it.key(), it.value());
    QByteArray plaintext = QJsonDocument(object).toJson(QJsonDocument::Compact);

    QByteArray header(kMagic, kMagicSize);
    header.append(static_cast<char>(kVersion));
    header.append(static_cast<char>(cost_.log2_n));
    header.append(static_cast<char>(cost_.r));
    header.append(static_cast<char>(cost_.p));
    QByteArray salt(kSaltSize, Qt::Uninitialized);
    QByteArray nonce(kNonceSize, Qt::Uninitialized);
    if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), kSaltSize) != 1 ||
        RAND_bytes(reinterpret_cast<unsigned char*>(nonce.data()), kNonceSize) != 1)
        return fileError(path_, QStringLiteral("no secure random numbers available"));
    header += salt + nonce;

    SecretBytes key;
    if (!deriveKey(passphrase_, salt, cost_, key))
        return fileError(path_, QStringLiteral("could not derive the key (scrypt failed)"));
    CipherContext context(EVP_CIPHER_CTX_new());
    QByteArray ciphertext(plaintext.size() + 16, Qt::Uninitialized);
    QByteArray tag(kTagSize, Qt::Uninitialized);
    int length = 0;
    int final_length = 0;
    auto* out = reinterpret_cast<unsigned char*>(ciphertext.data());
    const bool ok =
        context &&
        EVP_EncryptInit_ex(context.get(), EVP_aes_256_gcm(), nullptr, nullptr, nullptr) == 1 &&
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_SET_IVLEN, kNonceSize, nullptr) == 1 &&
        EVP_EncryptInit_ex(context.get(), nullptr, nullptr, key.bytes.data(),
                           reinterpret_cast<const unsigned char*>(nonce.constData())) == 1 &&
        EVP_EncryptUpdate(context.get(), nullptr, &length,
                          reinterpret_cast<const unsigned char*>(header.constData()),
                          static_cast<int>(header.size())) == 1 &&
        EVP_EncryptUpdate(context.get(), out, &length,
                          reinterpret_cast<const unsigned char*>(plaintext.constData()),
                          static_cast<int>(plaintext.size())) == 1 &&
        EVP_EncryptFinal_ex(context.get(), out + length, &final_length) == 1 &&
        EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_GCM_GET_TAG, kTagSize, tag.data()) == 1;
    OPENSSL_cleanse(plaintext.data(), static_cast<size_t>(plaintext.size()));
    if (!ok)
        return fileError(path_, QStringLiteral("encryption failed"));
    ciphertext.resize(length + final_length);

    QSaveFile file(path_);
    if (!file.open(QIODevice::WriteOnly))
        return fileError(path_, file.errorString());
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(header + ciphertext + tag);
    if (!file.commit())
        return fileError(path_, file.errorString());
    return QString();
}

KeyFileResult EncryptedKeyFile::read(const QString& reference) const
{
    KeyFileResult all = load();
    KeyFileResult one;
    one.error = all.error;
    if (all.ok() && all.keys.contains(reference))
        one.keys.insert(reference, all.keys.value(reference));
    return one;
}

QString EncryptedKeyFile::write(const QString& reference, const QString& key) const
{
    KeyFileResult all = load();
    if (!all.ok())
        return all.error;
    all.keys.insert(reference, key);
    return save(all.keys);
}

QString EncryptedKeyFile::remove(const QString& reference) const
{
    KeyFileResult all = load();
    if (!all.ok())
        return all.error;
    if (all.keys.remove(reference) == 0)
        return QString();
    return save(all.keys);
}

} // namespace kurabe::inference::remote
