<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>FitEstimate</name>
    <message>
        <source>fits</source>
        <translation>収まる</translation>
    </message>
    <message>
        <source>tight</source>
        <translation>ぎりぎり</translation>
    </message>
    <message>
        <source>does not fit</source>
        <translation>収まらない</translation>
    </message>
    <message>
        <source>unknown size</source>
        <translation>サイズ不明</translation>
    </message>
    <message>
        <source>a typical mid-range discrete GPU (%1)</source>
        <translation>一般的なミドルレンジのディスクリート GPU（%1）</translation>
    </message>
    <message>
        <source>typical dual-channel system memory</source>
        <translation>一般的なデュアルチャネルのシステムメモリ</translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 in / %2 out</source>
        <translation>入力 %1 / 出力 %2</translation>
    </message>
    <message>
        <source>TTFT %1 ms</source>
        <translation>TTFT %1 ms</translation>
    </message>
    <message>
        <source>%1 tok/s</source>
        <translation>%1 tok/s</translation>
    </message>
    <message>
        <source>%1: the file does not exist</source>
        <translation>%1: ファイルが存在しません</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>kurabe::app</name>
    <message>
        <source>%1 tokens: the file&apos;s size is not known yet</source>
        <translation>%1 トークン: ファイルサイズがまだ分かりません</translation>
    </message>
    <message>
        <source>%1 tokens: about %2 (weights %3, KV cache %4)</source>
        <translation>%1 トークン: 約 %2（重み %3、KV キャッシュ %4）</translation>
    </message>
    <message>
        <source> — %1 in the %2 this machine can give a model</source>
        <translation> — このマシンがモデルに割り当てられる %2 に%1</translation>
    </message>
    <message>
        <source>. The model was trained for %1 tokens: beyond that its answers may fall apart</source>
        <translation>。このモデルの学習時のコンテキスト長は %1 トークンです。それを超えると回答が破綻することがあります</translation>
    </message>
</context>
<context>
    <name>kurabe::app::AppContext</name>
    <message>
        <source>a context length is a number of tokens, 0 or more</source>
        <translation>コンテキスト長は 0 以上のトークン数で指定してください</translation>
    </message>
    <message>
        <source>at least one model stays loaded</source>
        <translation>読み込んだままにするモデルは 1 つ以上にしてください</translation>
    </message>
</context>
<context>
    <name>kurabe::app::ProviderRegistry</name>
    <message>
        <source>the providers&apos; settings and keys are still being read; run this answer again in a moment</source>
        <translation>プロバイダーの設定とキーを読み込み中です。少し待ってからこの回答をもう一度実行してください</translation>
    </message>
    <message>
        <source>there is no provider named &quot;%1&quot;; add it in Settings</source>
        <translation>「%1」という名前のプロバイダーはありません。設定で追加してください</translation>
    </message>
    <message>
        <source>the provider &quot;%1&quot; cannot be used: %2</source>
        <translation>プロバイダー「%1」は使用できません: %2</translation>
    </message>
</context>
<context>
    <name>kurabe::app::RemoteModels</name>
    <message>
        <source>its API key is missing from the key store; add the provider again</source>
        <translation>API キーがキーストアにありません。プロバイダーを追加し直してください</translation>
    </message>
    <message>
        <source>no provider named &apos;%1&apos; (it may have been removed)</source>
        <translation>「%1」という名前のプロバイダーはありません（削除された可能性があります）</translation>
    </message>
</context>
<context>
    <name>kurabe::app::WatchedFolders</name>
    <message>
        <source>%1 is not a folder</source>
        <translation>%1 はフォルダーではありません</translation>
    </message>
    <message>
        <source>%1 is already watched</source>
        <translation>%1 はすでに監視しています</translation>
    </message>
    <message>
        <source>%1 is not watched</source>
        <translation>%1 は監視していません</translation>
    </message>
</context>
<context>
    <name>kurabe::catalog::ModelDownloader</name>
    <message>
        <source>a download is already running</source>
        <translation>すでにダウンロード中です</translation>
    </message>
    <message>
        <source>%1: only https:// downloads are allowed</source>
        <translation>%1: ダウンロードは https:// からのみ許可されています</translation>
    </message>
    <message>
        <source>%1 already exists; delete it first to download it again</source>
        <translation>%1 はすでに存在します。もう一度ダウンロードするには、先に削除してください</translation>
    </message>
    <message>
        <source>cannot create the folder %1</source>
        <translation>フォルダー %1 を作成できません</translation>
    </message>
    <message>
        <source>not enough free space in %1: the download needs %2, %3 are free</source>
        <translation>%1 の空き容量が足りません: ダウンロードには %2 必要ですが、空きは %3 です</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>%1 を開けません: %2</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 を読み込めません: %2</translation>
    </message>
    <message>
        <source>the server sent a different part of the file than asked for (%1)</source>
        <translation>サーバーが要求とは異なるファイルの範囲を送ってきました（%1）</translation>
    </message>
    <message>
        <source>the server answered HTTP %1 %2</source>
        <translation>サーバーの応答: HTTP %1 %2</translation>
    </message>
    <message>
        <source>the server sent more than the %1 bytes the catalog lists for this file</source>
        <translation>サーバーから、カタログに記載されたこのファイルのサイズ（%1 バイト）を超えるデータが送られてきました</translation>
    </message>
    <message>
        <source>writing %1 failed: %2 (is the disk full?)</source>
        <translation>%1 の書き込みに失敗しました: %2（ディスクの空きがないのかもしれません）</translation>
    </message>
    <message>
        <source>cancelled; %1 keeps what arrived, and the next download of this file resumes from there</source>
        <translation>キャンセルしました。受信済みのデータは %1 に残り、次にこのファイルをダウンロードするとそこから再開します</translation>
    </message>
    <message>
        <source>the download stopped: %1; run it again to resume</source>
        <translation>ダウンロードが止まりました: %1。もう一度実行すると再開します</translation>
    </message>
    <message>
        <source>the file is %1 bytes, the catalog lists %2; the download was deleted</source>
        <translation>ファイルは %1 バイトですが、カタログの記載は %2 バイトです。ダウンロードしたファイルは削除しました</translation>
    </message>
    <message>
        <source>sha256 mismatch: the file has %1, the catalog lists %2; the download was deleted (a damaged or replaced file)</source>
        <translation>sha256 が一致しません: ファイルは %1、カタログの記載は %2 です。ダウンロードしたファイルは削除しました（破損しているか、差し替えられたファイルです）</translation>
    </message>
    <message>
        <source>the downloaded file is not a GGUF model (it does not start with a GGUF v2/v3 header); it was deleted</source>
        <translation>ダウンロードしたファイルは GGUF モデルではありません（GGUF v2/v3 のヘッダーで始まっていません）。削除しました</translation>
    </message>
    <message>
        <source>cannot rename %1 to %2</source>
        <translation>%1 の名前を %2 に変更できません</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::AnswerColumn</name>
    <message>
        <source>Not rated</source>
        <translation>未評価</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>コメント</translation>
    </message>
    <message>
        <source>Continue in chat</source>
        <translation>チャットで続ける</translation>
    </message>
    <message>
        <source>A new chat with this prompt and answer, with this model</source>
        <translation>このプロンプトと回答を引き継いで、このモデルと新しいチャットを始めます</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::AnswerDiffDialog</name>
    <message>
        <source>Compare two answers</source>
        <translation>2 つの回答を比較</translation>
    </message>
    <message>
        <source>From</source>
        <translation>比較元</translation>
    </message>
    <message>
        <source>to</source>
        <translation>比較先</translation>
    </message>
    <message>
        <source>%1 words the same, %2 removed, %3 added</source>
        <translation>同じ単語 %1、削除 %2、追加 %3</translation>
    </message>
    <message>
        <source> (too different for a word diff: compared line by line)</source>
        <translation>（違いが大きすぎて単語単位では比較できないため、行単位で比較しました）</translation>
    </message>
    <message>
        <source> (too different to compare: shown whole)</source>
        <translation>（違いが大きすぎて比較できないため、全体を表示しています）</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::CatalogDetails</name>
    <message>
        <source>unknown</source>
        <translation>不明</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>measured here: %1 GB/s of weights decoding a %2-shaped %3 model on %4 (%5 tokens/s), %6</source>
        <translation>このマシンでの実測: %4 で %2 形状の %3 モデルをデコードし、重みの読み込み %1 GB/s（%5 tokens/s）、%6</translation>
    </message>
    <message>
        <source>Local downloads (GGUF)</source>
        <translation>ローカル用ダウンロード（GGUF）</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>アーキテクチャ</translation>
    </message>
    <message>
        <source>repository</source>
        <translation>リポジトリ</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>量子化</translation>
    </message>
    <message>
        <source>File</source>
        <translation>ファイル</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Memory needed (estimate)</source>
        <translation>必要メモリ（推定）</translation>
    </message>
    <message>
        <source>Here</source>
        <translation>このマシン</translation>
    </message>
    <message>
        <source>Speed here (estimate)</source>
        <translation>このマシンでの速度（推定）</translation>
    </message>
    <message>
        <source>~%1 tokens/s (measured)</source>
        <translation>約 %1 tokens/s（実測）</translation>
    </message>
    <message>
        <source>~%1 tokens/s</source>
        <translation>約 %1 tokens/s</translation>
    </message>
    <message>
        <source>assuming %1 GB/s of memory bandwidth (%2)</source>
        <translation>メモリ帯域幅 %1 GB/s と仮定（%2）</translation>
    </message>
    <message>
        <source>Estimates, not measurements. Memory: the file, plus a KV cache for %1 tokens estimated from the parameter count, plus work buffers; this machine offers %2 (%3). Speed: generation reads every weight once per token, so tokens/s ≈ memory bandwidth ÷ file size, %4. `kurabe bench` measures the real speed once the file is here.</source>
        <translation>実測ではなく推定です。メモリ: ファイル本体に、パラメーター数から推定した %1 トークン分の KV キャッシュと作業バッファーを加えた量です。このマシンで使えるのは %2（%3）です。速度: 生成ではトークンごとにすべての重みを 1 回読むため、tokens/s ≈ メモリ帯域幅 ÷ ファイルサイズ です（%4）。ファイルを入手したら `kurabe bench` で実際の速度を測定できます。</translation>
    </message>
    <message>
        <source>GPU memory of %1</source>
        <translation>%1 の GPU メモリ</translation>
    </message>
    <message>
        <source>3/4 of the system memory</source>
        <translation>システムメモリの 3/4</translation>
    </message>
    <message>
        <source>Speeds marked &quot;measured&quot; divide the weight bandwidth measured on this machine by the file&apos;s bytes per token:</source>
        <translation>「実測」の速度は、このマシンで測定した重みの読み込み帯域幅を、ファイルの 1 トークンあたりのバイト数で割った値です:</translation>
    </message>
    <message>
        <source>Remote APIs</source>
        <translation>リモート API</translation>
    </message>
    <message>
        <source>input %1, output %2 per million tokens (as of %3)</source>
        <translation>100 万トークンあたり入力 %1、出力 %2（%3 時点）</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>キー</translation>
    </message>
    <message>
        <source>Developer</source>
        <translation>開発元</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>ファミリー</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>公開日</translation>
    </message>
    <message>
        <source> (%1 active per token)</source>
        <translation>（トークンあたりアクティブ %1）</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメーター数</translation>
    </message>
    <message>
        <source>Context length</source>
        <translation>コンテキスト長</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 トークン</translation>
    </message>
    <message>
        <source>Maximum output</source>
        <translation>最大出力</translation>
    </message>
    <message>
        <source>License</source>
        <translation>ライセンス</translation>
    </message>
    <message>
        <source>License kind</source>
        <translation>ライセンスの種類</translation>
    </message>
    <message>
        <source>Commercial use</source>
        <translation>商用利用</translation>
    </message>
    <message>
        <source>Open weights</source>
        <translation>オープンウェイト</translation>
    </message>
    <message>
        <source>Input</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>Reasoning mode</source>
        <translation>推論モード</translation>
    </message>
    <message>
        <source>Tool use</source>
        <translation>ツール使用</translation>
    </message>
    <message>
        <source>Languages</source>
        <translation>対応言語</translation>
    </message>
    <message>
        <source>As of</source>
        <translation>情報の時点</translation>
    </message>
    <message>
        <source>Notes:</source>
        <translation>注記:</translation>
    </message>
    <message>
        <source>Sources</source>
        <translation>出典</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>ダウンロード</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Measure speed here</source>
        <translation>このマシンで速度を測定</translation>
    </message>
    <message>
        <source>Times a few generated tokens of a small model with the chosen file&apos;s weight type on this machine (a few seconds), then estimates every file of that type from it</source>
        <translation>選んだファイルと同じ重みの型を持つ小さなモデルで、このマシン上で数トークンの生成時間を測り（数秒）、その結果から同じ型のすべてのファイルの速度を推定します</translation>
    </message>
    <message>
        <source>Kurabe cannot run %1 files, so it cannot measure them.</source>
        <translation>Kurabe は %1 のファイルを実行できないため、測定できません。</translation>
    </message>
    <message>
        <source>Choose a model to see its details.</source>
        <translation>モデルを選ぶと詳細が表示されます。</translation>
    </message>
    <message>
        <source>size unknown</source>
        <translation>サイズ不明</translation>
    </message>
    <message>
        <source>Downloading: %1 of %2</source>
        <translation>ダウンロード中: %1 / %2</translation>
    </message>
    <message>
        <source>Downloading: %1</source>
        <translation>ダウンロード中: %1</translation>
    </message>
    <message>
        <source>, %1/s</source>
        <translation>、%1/s</translation>
    </message>
    <message>
        <source>, about %1:%2 left</source>
        <translation>、残り約 %1:%2</translation>
    </message>
    <message>
        <source>Download failed: %1</source>
        <translation>ダウンロードに失敗しました: %1</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::CatalogPage</name>
    <message>
        <source>Search names, developers, descriptions…</source>
        <translation>名前・開発元・説明を検索…</translation>
    </message>
    <message>
        <source>Any developer</source>
        <translation>すべての開発元</translation>
    </message>
    <message>
        <source>Any license</source>
        <translation>すべてのライセンス</translation>
    </message>
    <message>
        <source>Permissive</source>
        <translation>寛容型</translation>
    </message>
    <message>
        <source>Copyleft</source>
        <translation>コピーレフト</translation>
    </message>
    <message>
        <source>Restricted</source>
        <translation>制限付き</translation>
    </message>
    <message>
        <source>Proprietary</source>
        <translation>プロプライエタリ</translation>
    </message>
    <message>
        <source>Commercial use: any</source>
        <translation>商用利用: 指定なし</translation>
    </message>
    <message>
        <source>Commercial use: yes</source>
        <translation>商用利用: 可</translation>
    </message>
    <message>
        <source>Commercial use: restricted</source>
        <translation>商用利用: 条件付き</translation>
    </message>
    <message>
        <source>Commercial use: no</source>
        <translation>商用利用: 不可</translation>
    </message>
    <message>
        <source>Open or closed weights</source>
        <translation>重みの公開: 指定なし</translation>
    </message>
    <message>
        <source>Open weights</source>
        <translation>オープンウェイト</translation>
    </message>
    <message>
        <source>Closed weights</source>
        <translation>クローズドウェイト</translation>
    </message>
    <message>
        <source>Any context length</source>
        <translation>コンテキスト長: 指定なし</translation>
    </message>
    <message>
        <source>≥ 8K tokens</source>
        <translation>8K トークン以上</translation>
    </message>
    <message>
        <source>≥ 32K tokens</source>
        <translation>32K トークン以上</translation>
    </message>
    <message>
        <source>≥ 128K tokens</source>
        <translation>128K トークン以上</translation>
    </message>
    <message>
        <source>≥ 1M tokens</source>
        <translation>1M トークン以上</translation>
    </message>
    <message>
        <source> B</source>
        <translation> B</translation>
    </message>
    <message>
        <source>min parameters</source>
        <translation>最小パラメーター数</translation>
    </message>
    <message>
        <source>max parameters</source>
        <translation>最大パラメーター数</translation>
    </message>
    <message>
        <source>Any modality</source>
        <translation>すべてのモダリティ</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>テキスト</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>画像</translation>
    </message>
    <message>
        <source>Audio</source>
        <translation>音声</translation>
    </message>
    <message>
        <source>Video</source>
        <translation>動画</translation>
    </message>
    <message>
        <source>Reasoning: any</source>
        <translation>推論: 指定なし</translation>
    </message>
    <message>
        <source>Reasoning mode</source>
        <translation>推論モードあり</translation>
    </message>
    <message>
        <source>No reasoning mode</source>
        <translation>推論モードなし</translation>
    </message>
    <message>
        <source>Runs locally</source>
        <translation>ローカルで実行可能</translation>
    </message>
    <message>
        <source>Has GGUF downloads Kurabe can run</source>
        <translation>Kurabe で実行できる GGUF ファイルをダウンロードできます</translation>
    </message>
    <message>
        <source>Fits this machine</source>
        <translation>このマシンに収まる</translation>
    </message>
    <message>
        <source>The smallest download, with a 4K-token cache, fits this machine&apos;s memory (an estimate)</source>
        <translation>最小のダウンロードが、4K トークン分のキャッシュを含めてこのマシンのメモリに収まります（推定）</translation>
    </message>
    <message>
        <source>There is no profile database to keep the result in.</source>
        <translation>結果を保存するプロファイルのデータベースがありません。</translation>
    </message>
    <message>
        <source>Measuring %1 generation speed on this machine (a few seconds)…</source>
        <translation>このマシンで %1 の生成速度を測定しています（数秒）…</translation>
    </message>
    <message>
        <source>The measurement failed: %1</source>
        <translation>測定に失敗しました: %1</translation>
    </message>
    <message>
        <source>%1 on %2: %3 GB/s of weights (%4 tokens/s on a %5-shaped model).</source>
        <translation>%2 での %1: 重みの読み込み %3 GB/s（%5 形状のモデルで %4 tokens/s）。</translation>
    </message>
    <message>
        <source>It could not be saved: %1</source>
        <translation>保存できませんでした: %1</translation>
    </message>
    <message>
        <source>Some catalog entries could not be read:
%1</source>
        <translation>読み込めなかったカタログ項目があります:
%1</translation>
    </message>
    <message>
        <source>%1 of %2 models</source>
        <translation>%1 / %2 モデル</translation>
    </message>
    <message>
        <source>there is no data folder to download into</source>
        <translation>ダウンロード先のデータフォルダーがありません</translation>
    </message>
    <message>
        <source>no such download</source>
        <translation>そのダウンロードはありません</translation>
    </message>
    <message>
        <source>%1 was downloaded but not added to the model library: %2</source>
        <translation>%1 をダウンロードしましたが、モデルライブラリに追加できませんでした: %2</translation>
    </message>
    <message>
        <source>Downloaded %1 (sha256 verified).</source>
        <translation>%1 をダウンロードしました（sha256 検証済み）。</translation>
    </message>
    <message>
        <source>Downloaded %1 (sha256 %2; the catalog lists none to compare).</source>
        <translation>%1 をダウンロードしました（sha256 %2。カタログに照合用の値はありません）。</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::CatalogTableModel</name>
    <message>
        <source>%1 (%2 active)</source>
        <translation>%1（アクティブ %2）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Developer</source>
        <translation>開発元</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>ファミリー</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Released</source>
        <translation>公開日</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメーター数</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>コンテキスト</translation>
    </message>
    <message>
        <source>License</source>
        <translation>ライセンス</translation>
    </message>
    <message>
        <source>Commercial use</source>
        <translation>商用利用</translation>
    </message>
    <message>
        <source>Open weights</source>
        <translation>オープンウェイト</translation>
    </message>
    <message>
        <source>Smallest download</source>
        <translation>最小ダウンロード</translation>
    </message>
    <message>
        <source>Fits here</source>
        <translation>このマシンでの適合</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::CellMetricsModel</name>
    <message>
        <source>State</source>
        <translation>状態</translation>
    </message>
    <message>
        <source>Time to first token</source>
        <translation>最初のトークンまでの時間</translation>
    </message>
    <message>
        <source>Prompt tokens/s</source>
        <translation>プロンプト tokens/s</translation>
    </message>
    <message>
        <source>Tokens/s</source>
        <translation>tokens/s</translation>
    </message>
    <message>
        <source>Tokens in</source>
        <translation>入力トークン</translation>
    </message>
    <message>
        <source>Tokens out</source>
        <translation>出力トークン</translation>
    </message>
    <message>
        <source>Wall time</source>
        <translation>経過時間</translation>
    </message>
    <message>
        <source>Cost</source>
        <translation>コスト</translation>
    </message>
    <message>
        <source>Finish</source>
        <translation>終了理由</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>Checks</source>
        <translation>チェック</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>評価</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ms</translation>
    </message>
    <message>
        <source>%1/%2 passed</source>
        <translation>%1/%2 合格</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::ChatPage</name>
    <message>
        <source>The answer failed: %1</source>
        <translation>回答に失敗しました: %1</translation>
    </message>
    <message numerus="yes">
        <source>This conversation is longer than the model&apos;s context: the %n oldest message(s) were left out of this answer (the system prompt is kept).</source>
        <translation>
            <numerusform>この会話はモデルのコンテキストより長いため、古いメッセージ %n 件をこの回答に含めませんでした（システムプロンプトは残しています）。</numerusform>
        </translation>
    </message>
    <message>
        <source>The model could not be loaded: %1</source>
        <translation>モデルを読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメーター</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>編集</translation>
    </message>
    <message>
        <source>Regenerate</source>
        <translation>再生成</translation>
    </message>
    <message>
        <source>Message (Enter sends, Shift+Enter starts a new line)</source>
        <translation>メッセージ（Enter で送信、Shift+Enter で改行）</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>送信</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Choose a model first (it loads in the background).</source>
        <translation>先にモデルを選んでください（バックグラウンドで読み込みます）。</translation>
    </message>
    <message>
        <source>Editing a message: sending makes a new branch; the old one stays (‹ ›).</source>
        <translation>メッセージを編集中: 送信すると新しい分岐ができ、元の分岐も残ります（‹ ›）。</translation>
    </message>
    <message>
        <source>Context %1 / %2</source>
        <translation>コンテキスト %1 / %2</translation>
    </message>
    <message>
        <source>Context %1</source>
        <translation>コンテキスト %1</translation>
    </message>
    <message>
        <source>Copy code</source>
        <translation>コードをコピー</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::ComparePage</name>
    <message>
        <source>New</source>
        <translation>新規</translation>
    </message>
    <message>
        <source>Duplicate</source>
        <translation>複製</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Saved comparisons</source>
        <translation>保存した比較</translation>
    </message>
    <message>
        <source>Delete comparison</source>
        <translation>比較の削除</translation>
    </message>
    <message>
        <source>Delete &quot;%1&quot; with its answers and votes?</source>
        <translation>「%1」を回答と投票ごと削除しますか？</translation>
    </message>
    <message>
        <source>Saving failed: %1</source>
        <translation>保存に失敗しました: %1</translation>
    </message>
    <message>
        <source>The comparison finished.</source>
        <translation>比較が完了しました。</translation>
    </message>
    <message>
        <source>The comparison could not be saved: %1</source>
        <translation>比較を保存できませんでした: %1</translation>
    </message>
    <message>
        <source>Running %1 prompt(s) on %2 targets…</source>
        <translation>%1 件のプロンプトを %2 個の対象で実行しています…</translation>
    </message>
    <message>
        <source>The comparison could not be duplicated: %1</source>
        <translation>比較を複製できませんでした: %1</translation>
    </message>
    <message>
        <source>The comparison could not be deleted: %1</source>
        <translation>比較を削除できませんでした: %1</translation>
    </message>
    <message>
        <source>The comparison could not be read: %1</source>
        <translation>比較を読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>The chat could not be made: %1</source>
        <translation>チャットを作成できませんでした: %1</translation>
    </message>
    <message>
        <source>Continued in a new chat.</source>
        <translation>新しいチャットで続けます。</translation>
    </message>
    <message>
        <source>Some providers cannot be used: %1</source>
        <translation>使用できないプロバイダーがあります: %1</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::ComparisonView</name>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Runs every answer that has not run yet</source>
        <translation>まだ実行していない回答をすべて実行します</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <translation>すべてキャンセル</translation>
    </message>
    <message>
        <source>Blind</source>
        <translation>ブラインド</translation>
    </message>
    <message>
        <source>Shows the targets as A, B, … in a shuffled order until you vote</source>
        <translation>投票するまで、対象を A, B, … として順番を入れ替えて表示します</translation>
    </message>
    <message>
        <source>Leaderboard</source>
        <translation>リーダーボード</translation>
    </message>
    <message>
        <source>Diff…</source>
        <translation>差分…</translation>
    </message>
    <message>
        <source>Shows word by word how two answers to this prompt differ</source>
        <translation>このプロンプトへの 2 つの回答の違いを単語単位で表示します</translation>
    </message>
    <message>
        <source>Export:</source>
        <translation>エクスポート:</translation>
    </message>
    <message>
        <source>%1 (*.%2)</source>
        <translation>%1 (*.%2)</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <source>Metrics</source>
        <translation>指標</translation>
    </message>
    <message>
        <source>Charts</source>
        <translation>グラフ</translation>
    </message>
    <message>
        <source>Loading %1…</source>
        <translation>%1 を読み込み中…</translation>
    </message>
    <message>
        <source>No comparison open</source>
        <translation>比較が開かれていません</translation>
    </message>
    <message>
        <source>System: %1
%2</source>
        <translation>システム: %1
%2</translation>
    </message>
    <message>
        <source>Cancel this answer</source>
        <translation>この回答をキャンセル</translation>
    </message>
    <message>
        <source>Run this answer again</source>
        <translation>この回答を再実行</translation>
    </message>
    <message>
        <source>Vote saved: %1 vs %2</source>
        <translation>投票を保存しました: %1 vs %2</translation>
    </message>
    <message>
        <source>Export comparison</source>
        <translation>比較をエクスポート</translation>
    </message>
    <message>
        <source>Exported to %1</source>
        <translation>%1 にエクスポートしました</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>エクスポートに失敗しました: %1</translation>
    </message>
    <message>
        <source>Answers to prompt %1</source>
        <translation>プロンプト %1 への回答</translation>
    </message>
    <message>
        <source>Vote first: the answer&apos;s model is still hidden</source>
        <translation>先に投票してください: この回答のモデルはまだ伏せられています</translation>
    </message>
    <message>
        <source>Available once the answer has finished</source>
        <translation>回答が完了すると使えます</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::ConversationListModel</name>
    <message>
        <source>New conversation</source>
        <translation>新しい会話</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::ConversationPanel</name>
    <message>
        <source>New chat</source>
        <translation>新しいチャット</translation>
    </message>
    <message>
        <source>Search all messages</source>
        <translation>すべてのメッセージを検索</translation>
    </message>
    <message>
        <source>Show archived</source>
        <translation>アーカイブを表示</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Conversation deleted.</source>
        <translation>会話を削除しました。</translation>
    </message>
    <message numerus="yes">
        <source>%n conversations deleted.</source>
        <translation>
            <numerusform>%n 件の会話を削除しました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Rename</source>
        <translation>名前を変更</translation>
    </message>
    <message>
        <source>Unpin</source>
        <translation>ピン留めを解除</translation>
    </message>
    <message>
        <source>Pin</source>
        <translation>ピン留め</translation>
    </message>
    <message>
        <source>Unarchive</source>
        <translation>アーカイブから戻す</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>アーカイブ</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::LeaderboardDialog</name>
    <message>
        <source>Leaderboard</source>
        <translation>リーダーボード</translation>
    </message>
    <message>
        <source>Only comparisons tagged… (empty: all)</source>
        <translation>タグで絞り込み…（空欄: すべて）</translation>
    </message>
    <message>
        <source>The votes could not be read: %1</source>
        <translation>投票を読み込めませんでした: %1</translation>
    </message>
    <message numerus="yes">
        <source>Bradley–Terry ratings from %n pair vote(s); mean rating 1000. The interval is 95%: wide with few votes.</source>
        <translation>
            <numerusform>%n 件のペア投票による Bradley–Terry レーティング（平均 1000）。区間は 95% 信頼区間で、投票が少ないと広くなります。</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>kurabe::ui::LeaderboardModel</name>
    <message>
        <source>#</source>
        <translation>#</translation>
    </message>
    <message>
        <source>Target</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>Rating</source>
        <translation>レーティング</translation>
    </message>
    <message>
        <source>95% interval</source>
        <translation>95% 区間</translation>
    </message>
    <message>
        <source>Votes</source>
        <translation>投票数</translation>
    </message>
    <message>
        <source>Wins (ties ½)</source>
        <translation>勝ち数（引き分けは ½）</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::LoadSettingsPanel</name>
    <message>
        <source>the model&apos;s (at most %1)</source>
        <translation>モデルの既定値（最大 %1）</translation>
    </message>
    <message>
        <source>%1 tokens</source>
        <translation>%1 トークン</translation>
    </message>
    <message>
        <source>More models stay ready to answer at once; each takes its memory until it is unloaded.</source>
        <translation>複数のモデルをすぐ回答できる状態にしておけます。各モデルは読み込みを解除するまでメモリを使います。</translation>
    </message>
    <message>
        <source>Context length:</source>
        <translation>コンテキスト長:</translation>
    </message>
    <message>
        <source>Models kept loaded:</source>
        <translation>読み込んだままにするモデル数:</translation>
    </message>
    <message>
        <source>Select a model file to see what it needs in memory.</source>
        <translation>モデルファイルを選ぶと、必要なメモリが表示されます。</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::MainWindow</name>
    <message>
        <source>Chats</source>
        <translation>チャット</translation>
    </message>
    <message>
        <source>Chat offline with local models, or with a remote provider.</source>
        <translation>ローカルモデルとオフラインで、またはリモートプロバイダーとチャットします。</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <source>Send the same prompts to several models and compare their answers side by side: measured, rated and saved.</source>
        <translation>同じプロンプトを複数のモデルに送り、回答を並べて比較します。計測・評価・保存もできます。</translation>
    </message>
    <message>
        <source>Catalog</source>
        <translation>カタログ</translation>
    </message>
    <message>
        <source>Browse models with their context lengths, licenses and local downloads.</source>
        <translation>モデルをコンテキスト長・ライセンス・ローカル用ダウンロードとともに一覧できます。</translation>
    </message>
    <message>
        <source>Models</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>The GGUF model files on this computer.</source>
        <translation>このコンピューター上の GGUF モデルファイルです。</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Devices, providers, appearance and data.</source>
        <translation>デバイス、プロバイダー、外観、データの設定です。</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;System</source>
        <translation>システムの設定(&amp;S)</translation>
    </message>
    <message>
        <source>The language changes when Kurabe starts again.</source>
        <translation>言語は次回 Kurabe を起動したときに切り替わります。</translation>
    </message>
    <message>
        <source>The language could not be saved: %1</source>
        <translation>言語の設定を保存できませんでした: %1</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::MessageDelegate</name>
    <message>
        <source>You</source>
        <translation>あなた</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::MessageListModel</name>
    <message>
        <source>writing…</source>
        <translation>生成中…</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::MetricsChart</name>
    <message>
        <source>Generation speed (mean over finished answers)</source>
        <translation>生成速度（完了した回答の平均）</translation>
    </message>
    <message>
        <source>tokens/s</source>
        <translation>tokens/s</translation>
    </message>
    <message>
        <source>Time to first token (mean over finished answers)</source>
        <translation>最初のトークンまでの時間（完了した回答の平均）</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>ms</translation>
    </message>
    <message>
        <source>No finished answer yet from %1 (shown as 0).</source>
        <translation>%1 の完了した回答はまだありません（0 として表示）。</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::ModelFileTableModel</name>
    <message>
        <source>hashing %1%</source>
        <translation>ハッシュ計算中 %1%</translation>
    </message>
    <message>
        <source>not read yet</source>
        <translation>未読み込み</translation>
    </message>
    <message>
        <source>cannot be used: %1</source>
        <translation>使用できません: %1</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>使用可能</translation>
    </message>
    <message>
        <source>ready · sha256 %1…</source>
        <translation>使用可能 · sha256 %1…</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>あり</translation>
    </message>
    <message>
        <source>no (completion)</source>
        <translation>なし（補完のみ）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Architecture</source>
        <translation>アーキテクチャ</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメーター数</translation>
    </message>
    <message>
        <source>Quantization</source>
        <translation>量子化</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>コンテキスト</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Chat template</source>
        <translation>チャットテンプレート</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::ModelPicker</name>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stop loading this model</source>
        <translation>このモデルの読み込みを中止します</translation>
    </message>
    <message>
        <source>Model:</source>
        <translation>モデル:</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>not loaded</source>
        <translation>未読み込み</translation>
    </message>
    <message>
        <source>Remote: %1</source>
        <translation>リモート: %1</translation>
    </message>
    <message>
        <source>Remote</source>
        <translation>リモート</translation>
    </message>
    <message>
        <source>Vulkan: %1</source>
        <translation>Vulkan: %1</translation>
    </message>
    <message>
        <source>chosen in settings</source>
        <translation>設定で選択</translation>
    </message>
    <message>
        <source>CPU: %1</source>
        <translation>CPU: %1</translation>
    </message>
    <message>
        <source>%1 at the provider %2</source>
        <translation>%2 の %1</translation>
    </message>
    <message>
        <source>Some remote models are missing:
%1</source>
        <translation>見つからないリモートモデルがあります:
%1</translation>
    </message>
    <message>
        <source>no usable model yet: see the Models page</source>
        <translation>使えるモデルがまだありません。「モデル」ページを確認してください</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::ModelsPage</name>
    <message>
        <source>Model files</source>
        <translation>モデルファイル</translation>
    </message>
    <message>
        <source>GGUF files on this computer. Add files with the button or drop them here; each is checked and its SHA-256 computed in the background.</source>
        <translation>このコンピューター上の GGUF ファイルです。ボタンで追加するか、ここにドロップしてください。各ファイルはバックグラウンドで検査され、SHA-256 が計算されます。</translation>
    </message>
    <message>
        <source>Add GGUF file…</source>
        <translation>GGUF ファイルを追加…</translation>
    </message>
    <message>
        <source>Verify again</source>
        <translation>再検証</translation>
    </message>
    <message>
        <source>Remove from library</source>
        <translation>ライブラリから外す</translation>
    </message>
    <message>
        <source>Delete file…</source>
        <translation>ファイルを削除…</translation>
    </message>
    <message>
        <source>Delete model files</source>
        <translation>モデルファイルの削除</translation>
    </message>
    <message>
        <source>%1 changed since it was last verified (sha256 was %2…, is now %3…): it was modified or is damaged; download it again if you did not change it.</source>
        <translation>%1 は前回の検証後に変わっています（sha256 は %2… でしたが、現在は %3… です）。変更されたか破損しています。自分で変更していない場合は、もう一度ダウンロードしてください。</translation>
    </message>
    <message>
        <source>Add GGUF files</source>
        <translation>GGUF ファイルを追加</translation>
    </message>
    <message>
        <source>GGUF models (*.gguf);;All files (*)</source>
        <translation>GGUF モデル (*.gguf);;すべてのファイル (*)</translation>
    </message>
    <message numerus="yes">
        <source>Delete %n file(s) from the disk? This cannot be undone.

%1</source>
        <translation>
            <numerusform>%n 個のファイルをディスクから削除しますか？この操作は元に戻せません。

%1</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 could not be deleted: %2</source>
        <translation>%1 を削除できませんでした: %2</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::NewComparisonPanel</name>
    <message>
        <source>default: each backend&apos;s own; greedy: temperature 0; precise 0.2; balanced 0.7; creative 1.0</source>
        <translation>default: 各バックエンドの既定値、greedy: 温度 0、precise: 0.2、balanced: 0.7、creative: 1.0</translation>
    </message>
    <message>
        <source>Add target</source>
        <translation>対象を追加</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Title (default: the first prompt)</source>
        <translation>タイトル（既定: 最初のプロンプト）</translation>
    </message>
    <message>
        <source>System prompt (optional)</source>
        <translation>システムプロンプト（任意）</translation>
    </message>
    <message>
        <source>Prompt</source>
        <translation>プロンプト</translation>
    </message>
    <message>
        <source>One prompt per line</source>
        <translation>1 行に 1 つのプロンプト</translation>
    </message>
    <message>
        <source>Import prompts…</source>
        <translation>プロンプトをインポート…</translation>
    </message>
    <message>
        <source>CSV with a &quot;prompt&quot; column, JSON Lines or plain text</source>
        <translation>「prompt」列を含む CSV、JSON Lines、またはプレーンテキスト</translation>
    </message>
    <message>
        <source>Same seed for all</source>
        <translation>すべて同じシード</translation>
    </message>
    <message>
        <source>Same temperature</source>
        <translation>すべて同じ温度</translation>
    </message>
    <message>
        <source>Tags, comma separated</source>
        <translation>タグ（カンマ区切り）</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>最大トークン数</translation>
    </message>
    <message>
        <source>Targets</source>
        <translation>対象</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>タイトル</translation>
    </message>
    <message>
        <source>System</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>Fair run</source>
        <translation>公平な実行</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>タグ</translation>
    </message>
    <message>
        <source>A comparison has at most %1 targets.</source>
        <translation>1 つの比較に含められる対象は最大 %1 個です。</translation>
    </message>
    <message>
        <source>Import prompts</source>
        <translation>プロンプトをインポート</translation>
    </message>
    <message>
        <source>Prompt sets (*.csv *.jsonl *.txt);;All files (*)</source>
        <translation>プロンプトセット (*.csv *.jsonl *.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>The model library could not be read: %1</source>
        <translation>モデルライブラリを読み込めませんでした: %1</translation>
    </message>
    <message>
        <source>Add a model on the Models page, or a provider in Settings, to compare it.</source>
        <translation>比較するには、「モデル」ページでモデルを追加するか、「設定」でプロバイダーを追加してください。</translation>
    </message>
    <message>
        <source>Could not import %1: %2</source>
        <translation>%1 をインポートできませんでした: %2</translation>
    </message>
    <message numerus="yes">
        <source>%n prompt(s) from %1</source>
        <translation>
            <numerusform>%1 から %n 件のプロンプト</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose at least %1 targets (the same model twice with two presets counts).</source>
        <translation>対象を %1 個以上選んでください（同じモデルでもプリセットが違えば別の対象として数えます）。</translation>
    </message>
    <message>
        <source>Write a prompt, or import a prompt list.</source>
        <translation>プロンプトを入力するか、プロンプトの一覧をインポートしてください。</translation>
    </message>
    <message>
        <source>Choose a saved set</source>
        <translation>保存したセットを選択</translation>
    </message>
    <message>
        <source>Loads the targets, their presets and the fair-run options</source>
        <translation>対象とそのプリセット、公平な実行のオプションを読み込みます</translation>
    </message>
    <message>
        <source>Save set…</source>
        <translation>セットを保存…</translation>
    </message>
    <message>
        <source>Saves these targets and fair-run options under a name</source>
        <translation>これらの対象と公平な実行のオプションを名前を付けて保存します</translation>
    </message>
    <message>
        <source>Delete set</source>
        <translation>セットを削除</translation>
    </message>
    <message>
        <source>Target set</source>
        <translation>対象セット</translation>
    </message>
    <message>
        <source>The target set could not be saved: %1</source>
        <translation>対象セットを保存できませんでした: %1</translation>
    </message>
    <message>
        <source>Saved the target set &quot;%1&quot;.</source>
        <translation>対象セット「%1」を保存しました。</translation>
    </message>
    <message>
        <source>There is no saved target set &quot;%1&quot;.</source>
        <translation>保存された対象セット「%1」はありません。</translation>
    </message>
    <message>
        <source>Loaded the target set &quot;%1&quot;.</source>
        <translation>対象セット「%1」を読み込みました。</translation>
    </message>
    <message>
        <source>The target set could not be deleted: %1</source>
        <translation>対象セットを削除できませんでした: %1</translation>
    </message>
    <message>
        <source>Add targets first, then save them as a set.</source>
        <translation>先に対象を追加してから、セットとして保存してください。</translation>
    </message>
    <message>
        <source>Save target set</source>
        <translation>対象セットの保存</translation>
    </message>
    <message>
        <source>Name of the set:</source>
        <translation>セットの名前:</translation>
    </message>
    <message>
        <source>Replace the saved set &quot;%1&quot;?</source>
        <translation>保存済みのセット「%1」を置き換えますか？</translation>
    </message>
    <message>
        <source>Choose the saved set to delete.</source>
        <translation>削除する保存済みのセットを選んでください。</translation>
    </message>
    <message>
        <source>Delete target set</source>
        <translation>対象セットの削除</translation>
    </message>
    <message>
        <source>Delete the saved set &quot;%1&quot;?</source>
        <translation>保存済みのセット「%1」を削除しますか？</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::PromptMatrixModel</name>
    <message>
        <source> · %1 tok/s</source>
        <translation> · %1 tok/s</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::SamplingPanel</name>
    <message>
        <source>Precise</source>
        <translation>正確</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>バランス</translation>
    </message>
    <message>
        <source>Creative</source>
        <translation>創造的</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>カスタム</translation>
    </message>
    <message>
        <source>System prompt (optional)</source>
        <translation>システムプロンプト（任意）</translation>
    </message>
    <message>
        <source>0 always picks the most likely token (greedy).</source>
        <translation>0 にすると常に最も確率の高いトークンを選びます（greedy）。</translation>
    </message>
    <message>
        <source>off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>random</source>
        <translation>ランダム</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>プリセット</translation>
    </message>
    <message>
        <source>System</source>
        <translation>システム</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Top-p</source>
        <translation>Top-p</translation>
    </message>
    <message>
        <source>Top-k</source>
        <translation>Top-k</translation>
    </message>
    <message>
        <source>Max tokens</source>
        <translation>最大トークン数</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>シード</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::SavedComparisonsModel</name>
    <message>
        <source>Comparison %1</source>
        <translation>比較 %1</translation>
    </message>
    <message>
        <source>Changed %1</source>
        <translation>更新日時: %1</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::SearchResultsModel</name>
    <message>
        <source>New conversation</source>
        <translation>新しい会話</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::UiLanguage</name>
    <message>
        <source>%1 is missing from this build of Kurabe, so the window stays in English</source>
        <translation>この Kurabe のビルドには %1 が含まれていないため、英語で表示します</translation>
    </message>
    <message>
        <source>en</source>
        <comment>the code of the language of this translation</comment>
        <translation>ja</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::VoteBar</name>
    <message>
        <source>Vote:</source>
        <translation>投票:</translation>
    </message>
    <message>
        <source>vs</source>
        <translation>vs</translation>
    </message>
    <message>
        <source>Left better</source>
        <translation>左が良い</translation>
    </message>
    <message>
        <source>Right better</source>
        <translation>右が良い</translation>
    </message>
    <message>
        <source>Tie</source>
        <translation>引き分け</translation>
    </message>
    <message>
        <source>Both bad</source>
        <translation>どちらも悪い</translation>
    </message>
    <message>
        <source>Choose two different answers to vote on.</source>
        <translation>投票する 2 つの異なる回答を選んでください。</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::WatchedFoldersPanel</name>
    <message>
        <source>Watch folder…</source>
        <translation>フォルダーを監視…</translation>
    </message>
    <message>
        <source>Stop watching</source>
        <translation>監視をやめる</translation>
    </message>
    <message>
        <source>Watched folders: new .gguf files in them are added by themselves.</source>
        <translation>監視フォルダー: 新しく置かれた .gguf ファイルは自動的に追加されます。</translation>
    </message>
    <message>
        <source>Watch a folder for GGUF files</source>
        <translation>GGUF ファイルを監視するフォルダー</translation>
    </message>
</context>
<context>
    <name>kurabe::ui::WelcomePage</name>
    <message>
        <source>Welcome to Kurabe</source>
        <translation>Kurabe へようこそ</translation>
    </message>
    <message>
        <source>To chat, Kurabe needs a model. Download one from the catalog, add a GGUF file you already have, or connect a remote provider.</source>
        <translation>チャットにはモデルが必要です。カタログからダウンロードするか、お手元の GGUF ファイルを追加するか、リモートプロバイダーに接続してください。</translation>
    </message>
    <message>
        <source>Browse the catalog</source>
        <translation>カタログを見る</translation>
    </message>
    <message>
        <source>Add a GGUF file…</source>
        <translation>GGUF ファイルを追加…</translation>
    </message>
    <message>
        <source>Connect a provider</source>
        <translation>プロバイダーに接続</translation>
    </message>
</context>
</TS>
