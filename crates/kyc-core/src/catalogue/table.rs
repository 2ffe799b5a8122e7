//! THE reason table: one row per [`ReasonCode`], in [`ReasonCode::ALL`] order.
//!
//! Applicant texts are plain, specific and actionable: the message says what is wrong, the
//! remedy says exactly what to do. No jargon, no blame. Reasons that must not be explained to the
//! applicant (screening, fraud, suspicious activity) carry the neutral [`NEUTRAL_REVIEW`] texts.
//!
//! Terminology kept across rows: document = 证件 / documento / документ / giấy tờ tùy thân /
//! belge / documento / 신분증 / 本人確認書類 (書類) / document; selfie = 自拍照 / selfie /
//! селфи / ảnh selfie / selfie / selfie / 셀피 / 自撮り写真 / selfie. Spanish is Latin-American
//! neutral, Portuguese is Brazilian.

use super::{ReasonSpec, Text, Texts};
use crate::reason::{Group, Outcome, ReasonCode};

const fn t(message: &'static str, remedy: &'static str) -> Text {
    Text { message, remedy }
}

/// The neutral text, as a constant so rows can embed it by value (see [`NEUTRAL_REVIEW`]).
const NEUTRAL: Texts = Texts {
    en: t(
        "Your application needs an additional review by our team.",
        "You don't need to do anything now. We will e-mail you when the review is finished.",
    ),
    zh_cn: t(
        "您的申请需要我们的团队进行进一步审核。",
        "您目前无需进行任何操作。审核完成后，我们会通过电子邮件通知您。",
    ),
    es: t(
        "Su solicitud necesita una revisión adicional por parte de nuestro equipo.",
        "No necesita hacer nada por ahora. Le enviaremos un correo electrónico cuando termine la revisión.",
    ),
    ru: t(
        "Вашей заявке требуется дополнительная проверка нашей командой.",
        "Сейчас от вас ничего не требуется. Мы сообщим вам по электронной почте, когда проверка будет завершена.",
    ),
    vi: t(
        "Hồ sơ của bạn cần được đội ngũ của chúng tôi xem xét thêm.",
        "Bạn không cần làm gì lúc này. Chúng tôi sẽ gửi email cho bạn khi việc xem xét hoàn tất.",
    ),
    tr: t(
        "Başvurunuzun ekibimiz tarafından ek olarak incelenmesi gerekiyor.",
        "Şu anda herhangi bir işlem yapmanız gerekmiyor. İnceleme tamamlandığında size e-posta ile bilgi vereceğiz.",
    ),
    pt: t(
        "Sua solicitação precisa de uma análise adicional da nossa equipe.",
        "Você não precisa fazer nada agora. Enviaremos um e-mail quando a análise for concluída.",
    ),
    ko: t(
        "고객님의 신청은 저희 팀의 추가 검토가 필요합니다.",
        "지금은 아무것도 하실 필요가 없습니다. 검토가 완료되면 이메일로 알려 드리겠습니다.",
    ),
    ja: t(
        "お客様の申請は、当社チームによる追加の確認が必要です。",
        "現時点でお客様に必要な操作はありません。確認が完了しましたら、メールでお知らせします。",
    ),
    fr: t(
        "Votre demande doit faire l'objet d'une vérification complémentaire par notre équipe.",
        "Vous n'avez rien à faire pour le moment. Nous vous enverrons un e-mail lorsque la vérification sera terminée.",
    ),
};

/// What the applicant reads for reasons that must not be explained (screening, fraud, activity).
/// It names no check, list or suspicion: the applicant only learns that a person will look.
pub static NEUTRAL_REVIEW: Texts = NEUTRAL;

/// Every reason, in `ReasonCode::ALL` order.
pub static CATALOGUE: &[ReasonSpec] = &[
    ReasonSpec {
        code: ReasonCode::FileFormatUnsupported,
        group: Group::Upload,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "The file content (judged by its magic bytes, not its name or declared type) is not JPEG or PNG; evidence: detected_format, declared_type.",
        texts: Texts {
            en: t(
                "This file type is not supported. Only JPG/JPEG and PNG images are accepted.",
                "Upload the photo as a JPG/JPEG or PNG image. Other formats, such as PDF or HEIC, cannot be used.",
            ),
            zh_cn: t(
                "不支持此文件类型，仅接受 JPG/JPEG 和 PNG 格式的图片。",
                "请以 JPG/JPEG 或 PNG 格式上传照片。PDF、HEIC 等其他格式无法使用。",
            ),
            es: t(
                "Este tipo de archivo no es compatible. Solo se aceptan imágenes JPG/JPEG y PNG.",
                "Suba la foto como imagen JPG/JPEG o PNG. No se pueden usar otros formatos, como PDF o HEIC.",
            ),
            ru: t(
                "Этот тип файла не поддерживается. Принимаются только изображения JPG/JPEG и PNG.",
                "Загрузите фото в формате JPG/JPEG или PNG. Другие форматы, например PDF или HEIC, не принимаются.",
            ),
            vi: t(
                "Loại tệp này không được hỗ trợ. Chỉ chấp nhận ảnh định dạng JPG/JPEG và PNG.",
                "Vui lòng tải ảnh lên dưới định dạng JPG/JPEG hoặc PNG. Không thể dùng các định dạng khác như PDF hoặc HEIC.",
            ),
            tr: t(
                "Bu dosya türü desteklenmiyor. Yalnızca JPG/JPEG ve PNG görselleri kabul edilir.",
                "Fotoğrafı JPG/JPEG veya PNG görseli olarak yükleyin. PDF veya HEIC gibi diğer biçimler kullanılamaz.",
            ),
            pt: t(
                "Este tipo de arquivo não é compatível. Apenas imagens JPG/JPEG e PNG são aceitas.",
                "Envie a foto como imagem JPG/JPEG ou PNG. Outros formatos, como PDF ou HEIC, não podem ser usados.",
            ),
            ko: t(
                "지원되지 않는 파일 형식입니다. JPG/JPEG 및 PNG 이미지만 허용됩니다.",
                "사진을 JPG/JPEG 또는 PNG 이미지로 업로드해 주십시오. PDF, HEIC 등 다른 형식은 사용할 수 없습니다.",
            ),
            ja: t(
                "このファイル形式には対応していません。JPG/JPEG と PNG の画像のみ受け付けています。",
                "写真を JPG/JPEG または PNG 形式でアップロードしてください。PDF や HEIC などのその他の形式は使用できません。",
            ),
            fr: t(
                "Ce type de fichier n'est pas pris en charge. Seules les images JPG/JPEG et PNG sont acceptées.",
                "Envoyez la photo au format JPG/JPEG ou PNG. Les autres formats, comme PDF ou HEIC, ne peuvent pas être utilisés.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::FileTooLarge,
        group: Group::Upload,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "The upload exceeds the configured maximum file size (5 MB by default); evidence: size_bytes, limit_bytes.",
        texts: Texts {
            en: t(
                "The file is larger than the size limit.",
                "Upload a photo under 5 MB. You can lower the photo size in your camera settings or resize the image, as long as the text stays sharp and readable.",
            ),
            zh_cn: t(
                "文件大小超出限制。",
                "请上传小于 5 MB 的照片。您可以在相机设置中降低照片尺寸或压缩图片，但须确保文字依然清晰可读。",
            ),
            es: t(
                "El archivo supera el tamaño máximo permitido.",
                "Suba una foto de menos de 5 MB. Puede reducir el tamaño en la configuración de la cámara o redimensionar la imagen, siempre que el texto siga nítido y legible.",
            ),
            ru: t(
                "Файл превышает допустимый размер.",
                "Загрузите фото размером менее 5 МБ. Можно уменьшить размер фото в настройках камеры или сжать изображение, если текст останется чётким и читаемым.",
            ),
            vi: t(
                "Tệp vượt quá dung lượng cho phép.",
                "Vui lòng tải lên ảnh dưới 5 MB. Bạn có thể giảm kích thước ảnh trong cài đặt máy ảnh hoặc thu nhỏ ảnh, miễn là chữ vẫn sắc nét và dễ đọc.",
            ),
            tr: t(
                "Dosya, izin verilen boyut sınırını aşıyor.",
                "5 MB'tan küçük bir fotoğraf yükleyin. Yazılar net ve okunaklı kaldığı sürece kamera ayarlarından fotoğraf boyutunu düşürebilir veya görseli küçültebilirsiniz.",
            ),
            pt: t(
                "O arquivo excede o tamanho máximo permitido.",
                "Envie uma foto com menos de 5 MB. Você pode reduzir o tamanho nas configurações da câmera ou redimensionar a imagem, desde que o texto continue nítido e legível.",
            ),
            ko: t(
                "파일이 허용된 크기를 초과합니다.",
                "5MB 미만의 사진을 업로드해 주십시오. 글자가 선명하게 읽히는 한 카메라 설정에서 사진 크기를 줄이거나 이미지 크기를 조정하셔도 됩니다.",
            ),
            ja: t(
                "ファイルのサイズが上限を超えています。",
                "5 MB 未満の写真をアップロードしてください。文字が鮮明に読める範囲で、カメラの設定で画像サイズを小さくするか、画像を縮小してください。",
            ),
            fr: t(
                "Le fichier dépasse la taille maximale autorisée.",
                "Envoyez une photo de moins de 5 Mo. Vous pouvez réduire la taille dans les réglages de l'appareil photo ou redimensionner l'image, à condition que le texte reste net et lisible.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::FileUnreadable,
        group: Group::Upload,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "The image could not be decoded: corrupt or truncated data, or dimensions beyond the decoder limits (a possible decompression bomb); evidence: error, width, height.",
        texts: Texts {
            en: t(
                "The file could not be opened. It may be damaged or incomplete.",
                "Take a new photo of your document and upload it again. If the problem continues, try another device or browser.",
            ),
            zh_cn: t(
                "无法打开该文件，文件可能已损坏或不完整。",
                "请重新拍摄证件照片并再次上传。如果问题仍然存在，请尝试使用其他设备或浏览器。",
            ),
            es: t(
                "No se pudo abrir el archivo. Puede estar dañado o incompleto.",
                "Tome una nueva foto de su documento y súbala de nuevo. Si el problema continúa, pruebe con otro dispositivo o navegador.",
            ),
            ru: t(
                "Не удалось открыть файл. Возможно, он повреждён или загружен не полностью.",
                "Сделайте новое фото документа и загрузите его снова. Если проблема повторится, попробуйте другое устройство или браузер.",
            ),
            vi: t(
                "Không thể mở tệp. Tệp có thể bị hỏng hoặc không đầy đủ.",
                "Vui lòng chụp lại ảnh giấy tờ tùy thân và tải lên lại. Nếu vẫn gặp lỗi, hãy thử thiết bị hoặc trình duyệt khác.",
            ),
            tr: t(
                "Dosya açılamadı. Dosya bozuk veya eksik olabilir.",
                "Belgenizin yeni bir fotoğrafını çekip tekrar yükleyin. Sorun devam ederse başka bir cihaz veya tarayıcı deneyin.",
            ),
            pt: t(
                "Não foi possível abrir o arquivo. Ele pode estar corrompido ou incompleto.",
                "Tire uma nova foto do seu documento e envie novamente. Se o problema continuar, tente outro dispositivo ou navegador.",
            ),
            ko: t(
                "파일을 열 수 없습니다. 파일이 손상되었거나 불완전할 수 있습니다.",
                "신분증 사진을 새로 촬영하여 다시 업로드해 주십시오. 문제가 계속되면 다른 기기나 브라우저를 사용해 주십시오.",
            ),
            ja: t(
                "ファイルを開けませんでした。ファイルが破損しているか、不完全な可能性があります。",
                "本人確認書類の写真を撮り直して、もう一度アップロードしてください。問題が解決しない場合は、別の端末またはブラウザをお試しください。",
            ),
            fr: t(
                "Le fichier n'a pas pu être ouvert. Il est peut-être endommagé ou incomplet.",
                "Reprenez une photo de votre document et envoyez-la à nouveau. Si le problème persiste, essayez avec un autre appareil ou un autre navigateur.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::ImageBlurry,
        group: Group::ImageQuality,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "Sharpness (variance of the Laplacian on the document region) below the policy threshold; evidence: sharpness, threshold, region.",
        texts: Texts {
            en: t(
                "The photo is blurry, so the details on your document cannot be read.",
                "Hold your phone steady or rest it on a surface, tap the screen to focus on the document, and take the photo again. Check that all text is sharp before uploading.",
            ),
            zh_cn: t(
                "照片模糊，无法识别证件上的信息。",
                "请拿稳手机或将其放在平稳的表面上，点击屏幕对焦证件后重新拍摄。上传前请确认所有文字清晰。",
            ),
            es: t(
                "La foto está borrosa y no se pueden leer los datos de su documento.",
                "Sujete el teléfono con firmeza o apóyelo en una superficie, toque la pantalla para enfocar el documento y vuelva a tomar la foto. Compruebe que todo el texto se vea nítido antes de subirla.",
            ),
            ru: t(
                "Фото размыто, поэтому данные документа невозможно прочитать.",
                "Держите телефон неподвижно или положите его на опору, коснитесь экрана, чтобы сфокусироваться на документе, и сделайте фото заново. Перед загрузкой убедитесь, что весь текст чёткий.",
            ),
            vi: t(
                "Ảnh bị mờ nên không thể đọc được thông tin trên giấy tờ tùy thân.",
                "Hãy giữ chắc điện thoại hoặc đặt trên mặt phẳng, chạm vào màn hình để lấy nét vào giấy tờ rồi chụp lại. Kiểm tra để chắc chắn mọi chữ đều sắc nét trước khi tải lên.",
            ),
            tr: t(
                "Fotoğraf bulanık olduğu için belgenizdeki bilgiler okunamıyor.",
                "Telefonunuzu sabit tutun veya bir yüzeye dayayın, belgeye odaklanmak için ekrana dokunun ve fotoğrafı yeniden çekin. Yüklemeden önce tüm yazıların net olduğunu kontrol edin.",
            ),
            pt: t(
                "A foto está desfocada, por isso não é possível ler os dados do seu documento.",
                "Segure o celular com firmeza ou apoie-o em uma superfície, toque na tela para focar no documento e tire a foto novamente. Antes de enviar, confira se todo o texto está nítido.",
            ),
            ko: t(
                "사진이 흐려 신분증의 정보를 읽을 수 없습니다.",
                "휴대폰을 흔들리지 않게 잡거나 평평한 곳에 올려놓고, 화면을 눌러 신분증에 초점을 맞춘 뒤 다시 촬영해 주십시오. 업로드하기 전에 모든 글자가 선명한지 확인해 주십시오.",
            ),
            ja: t(
                "写真がぼやけているため、本人確認書類の情報を読み取れません。",
                "スマートフォンをしっかり持つか安定した場所に置き、画面をタップして書類にピントを合わせてから撮り直してください。アップロード前に、すべての文字が鮮明であることをご確認ください。",
            ),
            fr: t(
                "La photo est floue : les informations de votre document ne sont pas lisibles.",
                "Tenez votre téléphone immobile ou posez-le sur un support, touchez l'écran pour faire la mise au point sur le document et reprenez la photo. Vérifiez que tout le texte est net avant de l'envoyer.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::ImageGlare,
        group: Group::ImageQuality,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "Share of the document region covered by saturated highlights above the policy threshold, or a highlight covers a data field; evidence: glare_ratio, threshold, region, fields.",
        texts: Texts {
            en: t(
                "Light reflections on the photo hide part of your document.",
                "Move away from direct light or turn off the flash, tilt the document slightly so no bright spot covers the text, and take the photo again.",
            ),
            zh_cn: t(
                "照片上的反光遮挡了证件的部分内容。",
                "请避开直射光源或关闭闪光灯，稍微倾斜证件，使文字上没有亮斑，然后重新拍摄。",
            ),
            es: t(
                "Los reflejos de luz en la foto ocultan parte de su documento.",
                "Aléjese de la luz directa o apague el flash, incline un poco el documento para que ningún brillo tape el texto y vuelva a tomar la foto.",
            ),
            ru: t(
                "Блики на фото скрывают часть документа.",
                "Отойдите от прямого света или выключите вспышку, слегка наклоните документ, чтобы блики не закрывали текст, и сделайте фото заново.",
            ),
            vi: t(
                "Ánh sáng phản chiếu trên ảnh che mất một phần giấy tờ tùy thân.",
                "Hãy tránh nguồn sáng trực tiếp hoặc tắt đèn flash, nghiêng nhẹ giấy tờ để không có vệt sáng nào che chữ, rồi chụp lại.",
            ),
            tr: t(
                "Fotoğraftaki ışık yansımaları belgenizin bir kısmını kapatıyor.",
                "Doğrudan ışıktan uzaklaşın veya flaşı kapatın, hiçbir parlak nokta yazıların üzerine gelmeyecek şekilde belgeyi hafifçe eğin ve fotoğrafı yeniden çekin.",
            ),
            pt: t(
                "Reflexos de luz na foto escondem parte do seu documento.",
                "Afaste-se da luz direta ou desligue o flash, incline levemente o documento para que nenhum reflexo cubra o texto e tire a foto novamente.",
            ),
            ko: t(
                "사진의 빛 반사로 신분증 일부가 가려졌습니다.",
                "직사광선을 피하거나 플래시를 끄고, 밝은 반사가 글자를 가리지 않도록 신분증을 살짝 기울인 뒤 다시 촬영해 주십시오.",
            ),
            ja: t(
                "光の反射で本人確認書類の一部が見えなくなっています。",
                "直接光の当たらない場所に移動するかフラッシュをオフにし、文字に光が反射しないよう書類を少し傾けてから撮り直してください。",
            ),
            fr: t(
                "Des reflets de lumière masquent une partie de votre document sur la photo.",
                "Éloignez-vous de la lumière directe ou désactivez le flash, inclinez légèrement le document pour qu'aucun reflet ne couvre le texte, puis reprenez la photo.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::ImageTooDark,
        group: Group::ImageQuality,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "Mean brightness of the document region below the policy threshold, or the shadowed share above it; evidence: brightness, threshold, shadow_ratio, region.",
        texts: Texts {
            en: t(
                "The photo is too dark or has strong shadows, so parts of your document cannot be read.",
                "Take the photo in a well-lit place, ideally in daylight, make sure no shadow (including from your hand or phone) falls on the document, and try again.",
            ),
            zh_cn: t(
                "照片太暗或有明显阴影，证件的部分内容无法识别。",
                "请在光线充足的地方（最好是自然光下）拍摄，确保证件上没有阴影（包括手或手机的影子），然后重试。",
            ),
            es: t(
                "La foto está demasiado oscura o tiene sombras fuertes, y no se pueden leer partes de su documento.",
                "Tome la foto en un lugar bien iluminado, de preferencia con luz natural, compruebe que ninguna sombra (tampoco la de su mano o su teléfono) caiga sobre el documento e inténtelo de nuevo.",
            ),
            ru: t(
                "Фото слишком тёмное или на нём сильные тени, поэтому часть документа невозможно прочитать.",
                "Сделайте фото в хорошо освещённом месте, лучше при дневном свете, следите, чтобы на документ не падала тень (в том числе от руки или телефона), и попробуйте снова.",
            ),
            vi: t(
                "Ảnh quá tối hoặc có bóng đổ đậm nên không đọc được một phần giấy tờ tùy thân.",
                "Hãy chụp ở nơi đủ sáng, tốt nhất là dưới ánh sáng ban ngày, đảm bảo không có bóng (kể cả bóng tay hoặc điện thoại) đổ lên giấy tờ, rồi thử lại.",
            ),
            tr: t(
                "Fotoğraf çok karanlık veya belirgin gölgeler içeriyor, bu yüzden belgenizin bazı kısımları okunamıyor.",
                "Fotoğrafı iyi aydınlatılmış bir yerde, mümkünse gün ışığında çekin; belgenin üzerine gölge (eliniz veya telefonunuzun gölgesi dahil) düşmediğinden emin olun ve tekrar deneyin.",
            ),
            pt: t(
                "A foto está escura demais ou tem sombras fortes, por isso partes do seu documento não podem ser lidas.",
                "Tire a foto em um local bem iluminado, de preferência com luz natural, verifique se nenhuma sombra (inclusive da sua mão ou do celular) cai sobre o documento e tente novamente.",
            ),
            ko: t(
                "사진이 너무 어둡거나 그림자가 짙어 신분증 일부를 읽을 수 없습니다.",
                "밝은 곳, 가능하면 자연광 아래에서 촬영하고, 신분증에 그림자(손이나 휴대폰의 그림자 포함)가 지지 않도록 한 뒤 다시 시도해 주십시오.",
            ),
            ja: t(
                "写真が暗すぎるか影が濃いため、本人確認書類の一部を読み取れません。",
                "明るい場所（できれば自然光の下）で、書類に影（手やスマートフォンの影を含む）がかからないようにして、もう一度撮影してください。",
            ),
            fr: t(
                "La photo est trop sombre ou présente des ombres marquées : certaines parties de votre document ne sont pas lisibles.",
                "Prenez la photo dans un endroit bien éclairé, de préférence à la lumière du jour, sans aucune ombre sur le document (y compris celle de votre main ou de votre téléphone), puis réessayez.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::ImageLowResolution,
        group: Group::ImageQuality,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "The detected document region is smaller than the policy minimum in pixels; evidence: doc_width, doc_height, min_width, min_height.",
        texts: Texts {
            en: t(
                "Your document is too small in the photo to be read.",
                "Move the camera closer so the document fills most of the photo, with all four corners still visible, and take the photo again.",
            ),
            zh_cn: t(
                "证件在照片中占比太小，无法识别。",
                "请将镜头靠近证件，使证件占据照片的大部分区域，同时保证四个角都在画面内，然后重新拍摄。",
            ),
            es: t(
                "Su documento aparece demasiado pequeño en la foto para poder leerlo.",
                "Acerque la cámara para que el documento ocupe la mayor parte de la foto, con las cuatro esquinas visibles, y vuelva a tomar la foto.",
            ),
            ru: t(
                "Документ на фото слишком мелкий, его невозможно прочитать.",
                "Поднесите камеру ближе, чтобы документ занимал большую часть кадра, но все четыре угла оставались видны, и сделайте фото заново.",
            ),
            vi: t(
                "Giấy tờ tùy thân trong ảnh quá nhỏ nên không thể đọc được.",
                "Hãy đưa máy ảnh lại gần để giấy tờ chiếm phần lớn khung hình nhưng vẫn thấy đủ bốn góc, rồi chụp lại.",
            ),
            tr: t(
                "Belgeniz fotoğrafta okunamayacak kadar küçük görünüyor.",
                "Kamerayı yaklaştırarak belgenin, dört köşesi de görünür kalacak şekilde fotoğrafın büyük bölümünü kaplamasını sağlayın ve fotoğrafı yeniden çekin.",
            ),
            pt: t(
                "Seu documento aparece pequeno demais na foto para ser lido.",
                "Aproxime a câmera para que o documento ocupe a maior parte da foto, mantendo os quatro cantos visíveis, e tire a foto novamente.",
            ),
            ko: t(
                "사진 속 신분증이 너무 작아 읽을 수 없습니다.",
                "네 모서리가 모두 보이는 상태에서 신분증이 사진의 대부분을 차지하도록 카메라를 가까이 대고 다시 촬영해 주십시오.",
            ),
            ja: t(
                "写真に写っている本人確認書類が小さすぎて読み取れません。",
                "四隅がすべて写る範囲で、書類が写真の大部分を占めるようにカメラを近づけて撮り直してください。",
            ),
            fr: t(
                "Votre document apparaît trop petit sur la photo pour être lu.",
                "Rapprochez l'appareil pour que le document occupe la plus grande partie de la photo, en gardant les quatre coins visibles, puis reprenez la photo.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::DocumentCutOff,
        group: Group::ImageQuality,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "The document outline touches or crosses the image border; evidence: edges (the sides cut off), outside_ratio, threshold.",
        texts: Texts {
            en: t(
                "Part of your document is outside the photo.",
                "Place the document on a plain, dark surface and make sure all four corners and edges are in the photo, with a little space around them. Then take the photo again.",
            ),
            zh_cn: t(
                "证件有部分超出了照片范围。",
                "请将证件放在纯色、深色的平面上，确保四个角和边缘都完整地出现在照片中，并在周围留出少许空白，然后重新拍摄。",
            ),
            es: t(
                "Una parte de su documento queda fuera de la foto.",
                "Coloque el documento sobre una superficie lisa y oscura y asegúrese de que las cuatro esquinas y los bordes aparezcan en la foto, con un poco de margen alrededor. Después, vuelva a tomar la foto.",
            ),
            ru: t(
                "Часть документа не попала в кадр.",
                "Положите документ на однотонную тёмную поверхность и убедитесь, что все четыре угла и края видны на фото, с небольшим отступом вокруг. Затем сделайте фото заново.",
            ),
            vi: t(
                "Một phần giấy tờ tùy thân nằm ngoài khung ảnh.",
                "Hãy đặt giấy tờ trên mặt phẳng trơn, màu tối và đảm bảo cả bốn góc và các cạnh đều nằm trong ảnh, có chừa một chút khoảng trống xung quanh. Sau đó chụp lại.",
            ),
            tr: t(
                "Belgenizin bir kısmı fotoğrafın dışında kalmış.",
                "Belgeyi düz ve koyu renkli bir yüzeye koyun, dört köşesinin ve tüm kenarlarının etrafında biraz boşlukla fotoğrafta göründüğünden emin olun. Ardından fotoğrafı yeniden çekin.",
            ),
            pt: t(
                "Parte do seu documento ficou fora da foto.",
                "Coloque o documento sobre uma superfície lisa e escura e verifique se os quatro cantos e as bordas aparecem na foto, com um pouco de espaço ao redor. Depois, tire a foto novamente.",
            ),
            ko: t(
                "신분증의 일부가 사진 밖으로 벗어났습니다.",
                "신분증을 무늬 없는 어두운 바닥에 놓고, 네 모서리와 테두리가 주변에 약간의 여백을 두고 모두 사진에 나오도록 한 뒤 다시 촬영해 주십시오.",
            ),
            ja: t(
                "本人確認書類の一部が写真からはみ出しています。",
                "無地の暗い色の面に書類を置き、四隅と縁がすべて余白を残して写るようにしてから、撮り直してください。",
            ),
            fr: t(
                "Une partie de votre document est hors de la photo.",
                "Posez le document sur une surface unie et sombre et vérifiez que les quatre coins et les bords figurent sur la photo, avec un peu d'espace autour. Reprenez ensuite la photo.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::DocumentNotFound,
        group: Group::Document,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "No document outline or known document layout was detected in the image; evidence: detector_score, threshold.",
        texts: Texts {
            en: t(
                "We could not find an identity document in the photo.",
                "Take a photo of the document you selected, lying flat on a plain surface and filling most of the photo, and upload it again.",
            ),
            zh_cn: t(
                "我们未能在照片中找到身份证件。",
                "请将您所选的证件平放在纯色表面上，使其占据照片的大部分区域，拍摄后重新上传。",
            ),
            es: t(
                "No encontramos ningún documento de identidad en la foto.",
                "Tome una foto del documento que seleccionó, colocado sobre una superficie lisa y ocupando la mayor parte de la imagen, y súbala de nuevo.",
            ),
            ru: t(
                "Нам не удалось найти на фото документ, удостоверяющий личность.",
                "Сфотографируйте выбранный документ, положив его на ровную однотонную поверхность так, чтобы он занимал большую часть кадра, и загрузите фото снова.",
            ),
            vi: t(
                "Chúng tôi không tìm thấy giấy tờ tùy thân nào trong ảnh.",
                "Hãy chụp loại giấy tờ bạn đã chọn, đặt phẳng trên mặt nền trơn và chiếm phần lớn khung hình, rồi tải lên lại.",
            ),
            tr: t(
                "Fotoğrafta bir kimlik belgesi bulamadık.",
                "Seçtiğiniz belgeyi düz ve tek renkli bir yüzeye koyup fotoğrafın büyük bölümünü kaplayacak şekilde çekin ve tekrar yükleyin.",
            ),
            pt: t(
                "Não encontramos um documento de identidade na foto.",
                "Tire uma foto do documento que você selecionou, apoiado em uma superfície lisa e ocupando a maior parte da imagem, e envie novamente.",
            ),
            ko: t(
                "사진에서 신분증을 찾을 수 없습니다.",
                "선택하신 신분증을 무늬 없는 평평한 곳에 놓고 사진의 대부분을 차지하도록 촬영한 뒤 다시 업로드해 주십시오.",
            ),
            ja: t(
                "写真から本人確認書類を検出できませんでした。",
                "選択した書類を無地の平らな場所に置き、写真の大部分を占めるように撮影して、もう一度アップロードしてください。",
            ),
            fr: t(
                "Nous n'avons trouvé aucune pièce d'identité sur la photo.",
                "Prenez en photo le document que vous avez choisi, posé à plat sur une surface unie et occupant la plus grande partie de l'image, puis envoyez-la à nouveau.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::DocumentTypeUnsupported,
        group: Group::Document,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "The recognised document type is not in the policy's accepted types for the issuing or residence country; evidence: document_type, issuing_country, accepted_types.",
        texts: Texts {
            en: t(
                "This type of document is not accepted for your country.",
                "Upload a passport, national ID card or driver's licence, as accepted for your country. Other documents, such as bank cards or student cards, cannot be used.",
            ),
            zh_cn: t(
                "您所在国家/地区不接受此类证件。",
                "请根据您所在国家/地区的要求，上传护照、身份证或驾照。银行卡、学生证等其他证件无法使用。",
            ),
            es: t(
                "Este tipo de documento no se acepta para su país.",
                "Suba un pasaporte, documento nacional de identidad o licencia de conducir, según lo que se acepte en su país. No se pueden usar otros documentos, como tarjetas bancarias o credenciales de estudiante.",
            ),
            ru: t(
                "Этот тип документа не принимается для вашей страны.",
                "Загрузите паспорт, национальное удостоверение личности или водительское удостоверение, если они принимаются для вашей страны. Другие документы, например банковские карты или студенческие билеты, не подходят.",
            ),
            vi: t(
                "Loại giấy tờ này không được chấp nhận đối với quốc gia của bạn.",
                "Vui lòng tải lên hộ chiếu, thẻ căn cước hoặc giấy phép lái xe, tùy theo loại được chấp nhận tại quốc gia của bạn. Không thể dùng các giấy tờ khác như thẻ ngân hàng hay thẻ sinh viên.",
            ),
            tr: t(
                "Bu belge türü ülkeniz için kabul edilmiyor.",
                "Ülkeniz için kabul edilen pasaport, kimlik kartı veya sürücü belgesinden birini yükleyin. Banka kartı veya öğrenci kartı gibi diğer belgeler kullanılamaz.",
            ),
            pt: t(
                "Este tipo de documento não é aceito para o seu país.",
                "Envie um passaporte, carteira de identidade ou carteira de motorista, conforme aceito para o seu país. Outros documentos, como cartões bancários ou carteirinhas de estudante, não podem ser usados.",
            ),
            ko: t(
                "이 종류의 신분증은 고객님의 국가에서 허용되지 않습니다.",
                "고객님의 국가에서 허용되는 여권, 국가 신분증 또는 운전면허증을 업로드해 주십시오. 은행 카드나 학생증 등 다른 문서는 사용할 수 없습니다.",
            ),
            ja: t(
                "この種類の書類は、お客様の国では受け付けていません。",
                "お客様の国で認められているパスポート、国民IDカード、または運転免許証をアップロードしてください。銀行カードや学生証などのその他の書類は使用できません。",
            ),
            fr: t(
                "Ce type de document n'est pas accepté pour votre pays.",
                "Envoyez un passeport, une carte d'identité nationale ou un permis de conduire, selon ce qui est accepté pour votre pays. Les autres documents, comme les cartes bancaires ou d'étudiant, ne peuvent pas être utilisés.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::DocumentDataIncomplete,
        group: Group::Document,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "Required fields could not be extracted from the printed zone, MRZ or barcode; evidence: missing_fields, ocr_confidence, threshold.",
        texts: Texts {
            en: t(
                "Some key details on your document, such as your name, document number or dates, could not be read.",
                "Take a new photo of the whole document in good light, with no fingers, covers or stickers over the text, and make sure every detail is sharp and readable.",
            ),
            zh_cn: t(
                "无法识别证件上的部分关键信息，例如姓名、证件号码或日期。",
                "请在光线充足处重新拍摄完整的证件，不要让手指、保护套或贴纸遮挡文字，并确保所有信息清晰可读。",
            ),
            es: t(
                "No se pudieron leer algunos datos clave de su documento, como el nombre, el número de documento o las fechas.",
                "Tome una nueva foto del documento completo con buena luz, sin dedos, fundas ni adhesivos sobre el texto, y asegúrese de que todos los datos se vean nítidos y legibles.",
            ),
            ru: t(
                "Не удалось прочитать часть ключевых данных документа, например имя, номер документа или даты.",
                "Сделайте новое фото всего документа при хорошем освещении, чтобы пальцы, обложка или наклейки не закрывали текст, и убедитесь, что все данные чёткие и читаемые.",
            ),
            vi: t(
                "Không đọc được một số thông tin quan trọng trên giấy tờ tùy thân, như họ tên, số giấy tờ hoặc ngày tháng.",
                "Hãy chụp lại toàn bộ giấy tờ ở nơi đủ sáng, không để ngón tay, bao da hoặc nhãn dán che chữ, và đảm bảo mọi thông tin đều sắc nét, dễ đọc.",
            ),
            tr: t(
                "Belgenizdeki ad, belge numarası veya tarihler gibi bazı temel bilgiler okunamadı.",
                "Belgenin tamamının iyi ışıkta yeni bir fotoğrafını çekin; yazıların üzerinde parmak, kılıf veya etiket olmasın ve tüm bilgilerin net ve okunaklı olduğundan emin olun.",
            ),
            pt: t(
                "Não foi possível ler alguns dados importantes do seu documento, como nome, número do documento ou datas.",
                "Tire uma nova foto do documento inteiro com boa iluminação, sem dedos, capas ou adesivos sobre o texto, e verifique se todos os dados estão nítidos e legíveis.",
            ),
            ko: t(
                "이름, 신분증 번호, 날짜 등 신분증의 주요 정보 일부를 읽을 수 없습니다.",
                "밝은 곳에서 신분증 전체를 다시 촬영해 주십시오. 손가락, 케이스, 스티커가 글자를 가리지 않도록 하고 모든 정보가 선명하게 읽히는지 확인해 주십시오.",
            ),
            ja: t(
                "氏名、書類番号、日付など、本人確認書類の重要な情報の一部を読み取れませんでした。",
                "明るい場所で書類全体を撮り直してください。指やカバー、シールで文字が隠れないようにし、すべての情報が鮮明に読めることをご確認ください。",
            ),
            fr: t(
                "Certaines informations essentielles de votre document, comme le nom, le numéro ou les dates, n'ont pas pu être lues.",
                "Reprenez une photo du document entier sous un bon éclairage, sans doigts, étui ou autocollant sur le texte, et vérifiez que chaque information est nette et lisible.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::PortraitNotVisible,
        group: Group::Document,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "No face was detected in the document's portrait area, or it is occluded or too small to compare; evidence: face_score, portrait_size, threshold.",
        texts: Texts {
            en: t(
                "The photo of your face on the document cannot be seen clearly.",
                "Take a new photo in which the portrait on your document is fully visible, not covered by your fingers and free of glare, and upload it again.",
            ),
            zh_cn: t(
                "证件上的人像照片无法看清。",
                "请重新拍摄，确保证件上的人像照片完整可见，没有被手指遮挡，也没有反光，然后再次上传。",
            ),
            es: t(
                "No se ve con claridad la foto de su rostro en el documento.",
                "Tome una nueva foto en la que el retrato de su documento se vea completo, sin dedos encima ni reflejos, y súbala de nuevo.",
            ),
            ru: t(
                "Фотография лица в документе плохо видна.",
                "Сделайте новое фото, на котором портрет в документе виден полностью, не закрыт пальцами и без бликов, и загрузите его снова.",
            ),
            vi: t(
                "Không nhìn rõ ảnh chân dung của bạn trên giấy tờ tùy thân.",
                "Hãy chụp lại sao cho ảnh chân dung trên giấy tờ hiện rõ hoàn toàn, không bị ngón tay che và không bị lóa sáng, rồi tải lên lại.",
            ),
            tr: t(
                "Belgenizdeki yüz fotoğrafınız net görünmüyor.",
                "Belgenizdeki vesikalık fotoğrafın tamamen göründüğü, parmaklarınızla kapanmadığı ve parlama olmadığı yeni bir fotoğraf çekip tekrar yükleyin.",
            ),
            pt: t(
                "A foto do seu rosto no documento não está visível com clareza.",
                "Tire uma nova foto em que o retrato do seu documento apareça por inteiro, sem dedos por cima e sem reflexos, e envie novamente.",
            ),
            ko: t(
                "신분증의 얼굴 사진이 잘 보이지 않습니다.",
                "신분증의 얼굴 사진이 손가락에 가려지거나 빛에 반사되지 않고 완전히 보이도록 다시 촬영하여 업로드해 주십시오.",
            ),
            ja: t(
                "本人確認書類の顔写真がはっきり見えません。",
                "書類の顔写真が指で隠れたり光が反射したりせず、全体がはっきり写るように撮り直して、もう一度アップロードしてください。",
            ),
            fr: t(
                "La photo de votre visage sur le document n'est pas clairement visible.",
                "Reprenez une photo où le portrait de votre document est entièrement visible, sans doigts ni reflets dessus, puis envoyez-la à nouveau.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::DocumentAccountLimit,
        group: Group::Duplicate,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "A keyed hash of document type, issuing country and number already verified `count` accounts (limit `limit`); evidence: count, limit, other applicant ids.",
        texts: Texts {
            en: t(
                "This document has already been used to verify the maximum number of accounts.",
                "Verify with another valid identity document that has not been used for another account. If you think this is a mistake, contact our support team.",
            ),
            zh_cn: t(
                "该证件已用于验证的账户数量已达上限。",
                "请使用另一份未被其他账户使用过的有效证件进行验证。如果您认为有误，请联系我们的客服团队。",
            ),
            es: t(
                "Este documento ya se usó para verificar el número máximo de cuentas.",
                "Realice la verificación con otro documento de identidad válido que no se haya usado en otra cuenta. Si cree que se trata de un error, comuníquese con nuestro equipo de soporte.",
            ),
            ru: t(
                "Этот документ уже использован для верификации максимально допустимого числа аккаунтов.",
                "Пройдите верификацию с другим действительным документом, который не использовался для другого аккаунта. Если вы считаете, что это ошибка, обратитесь в нашу службу поддержки.",
            ),
            vi: t(
                "Giấy tờ tùy thân này đã được dùng để xác minh số lượng tài khoản tối đa.",
                "Vui lòng xác minh bằng một giấy tờ tùy thân hợp lệ khác chưa được dùng cho tài khoản nào khác. Nếu bạn cho rằng đây là nhầm lẫn, hãy liên hệ đội ngũ hỗ trợ của chúng tôi.",
            ),
            tr: t(
                "Bu belge, izin verilen en fazla sayıda hesabı doğrulamak için zaten kullanılmış.",
                "Başka bir hesapta kullanılmamış, geçerli başka bir kimlik belgesiyle doğrulama yapın. Bunun bir hata olduğunu düşünüyorsanız destek ekibimizle iletişime geçin.",
            ),
            pt: t(
                "Este documento já foi usado para verificar o número máximo de contas.",
                "Faça a verificação com outro documento de identidade válido que não tenha sido usado em outra conta. Se você acha que isso é um erro, entre em contato com nossa equipe de suporte.",
            ),
            ko: t(
                "이 신분증은 이미 인증 가능한 최대 계정 수만큼 사용되었습니다.",
                "다른 계정에 사용된 적 없는 다른 유효한 신분증으로 인증해 주십시오. 오류라고 생각되시면 고객지원팀에 문의해 주십시오.",
            ),
            ja: t(
                "この本人確認書類は、認証できるアカウント数の上限まですでに使用されています。",
                "他のアカウントで使用されていない、別の有効な本人確認書類で認証してください。誤りと思われる場合は、サポートチームまでお問い合わせください。",
            ),
            fr: t(
                "Ce document a déjà servi à vérifier le nombre maximal de comptes autorisé.",
                "Effectuez la vérification avec une autre pièce d'identité valide qui n'a pas été utilisée pour un autre compte. Si vous pensez qu'il s'agit d'une erreur, contactez notre équipe d'assistance.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::DocumentExpired,
        group: Group::Document,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "The expiry date (from the MRZ, barcode or printed zone) is before the decision date, beyond any policy grace period; evidence: expiry_date, checked_on, source.",
        texts: Texts {
            en: t(
                "Your document has expired.",
                "Upload a valid document that has not expired. You can use another accepted document, such as your passport, national ID card or driver's licence.",
            ),
            zh_cn: t(
                "您的证件已过期。",
                "请上传未过期的有效证件。您也可以使用其他可接受的证件，例如护照、身份证或驾照。",
            ),
            es: t(
                "Su documento está vencido.",
                "Suba un documento válido que no esté vencido. Puede usar otro documento aceptado, como su pasaporte, documento nacional de identidad o licencia de conducir.",
            ),
            ru: t(
                "Срок действия вашего документа истёк.",
                "Загрузите действительный документ с неистёкшим сроком действия. Можно использовать другой принимаемый документ, например паспорт, национальное удостоверение личности или водительское удостоверение.",
            ),
            vi: t(
                "Giấy tờ tùy thân của bạn đã hết hạn.",
                "Vui lòng tải lên giấy tờ còn hiệu lực. Bạn có thể dùng một giấy tờ được chấp nhận khác, như hộ chiếu, thẻ căn cước hoặc giấy phép lái xe.",
            ),
            tr: t(
                "Belgenizin süresi dolmuş.",
                "Süresi dolmamış, geçerli bir belge yükleyin. Pasaport, kimlik kartı veya sürücü belgesi gibi kabul edilen başka bir belge de kullanabilirsiniz.",
            ),
            pt: t(
                "Seu documento está vencido.",
                "Envie um documento válido que não esteja vencido. Você pode usar outro documento aceito, como passaporte, carteira de identidade ou carteira de motorista.",
            ),
            ko: t(
                "신분증의 유효기간이 만료되었습니다.",
                "유효기간이 지나지 않은 유효한 신분증을 업로드해 주십시오. 여권, 국가 신분증, 운전면허증 등 허용되는 다른 신분증을 사용하셔도 됩니다.",
            ),
            ja: t(
                "本人確認書類の有効期限が切れています。",
                "有効期限内の書類をアップロードしてください。パスポート、国民IDカード、運転免許証など、受け付けている別の書類もご利用いただけます。",
            ),
            fr: t(
                "Votre document a expiré.",
                "Envoyez un document valide et non expiré. Vous pouvez utiliser un autre document accepté, comme votre passeport, votre carte d'identité nationale ou votre permis de conduire.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::Screenshot,
        group: Group::CaptureIntegrity,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "Screenshot signals (screen-sized dimensions, no camera metadata, status-bar or app UI, flat digital rendering); evidence: signals, score, threshold.",
        texts: Texts {
            en: t(
                "The image is a screenshot, not a photo of your document.",
                "Take a photo of your original physical document with your camera and upload that photo. Screenshots of pictures, files or apps cannot be accepted.",
            ),
            zh_cn: t(
                "该图片是截图，而不是证件的照片。",
                "请用相机拍摄您的证件原件并上传该照片。不接受图片、文件或应用的截图。",
            ),
            es: t(
                "La imagen es una captura de pantalla, no una foto de su documento.",
                "Tome con la cámara una foto de su documento físico original y súbala. No se aceptan capturas de pantalla de imágenes, archivos o aplicaciones.",
            ),
            ru: t(
                "Это снимок экрана, а не фото вашего документа.",
                "Сфотографируйте оригинал документа камерой и загрузите это фото. Снимки экрана с изображениями, файлами или приложениями не принимаются.",
            ),
            vi: t(
                "Hình ảnh là ảnh chụp màn hình, không phải ảnh chụp giấy tờ tùy thân.",
                "Hãy dùng máy ảnh chụp bản gốc giấy tờ tùy thân của bạn và tải ảnh đó lên. Chúng tôi không chấp nhận ảnh chụp màn hình của hình ảnh, tệp hoặc ứng dụng.",
            ),
            tr: t(
                "Görsel, belgenizin fotoğrafı değil, bir ekran görüntüsü.",
                "Belgenizin fiziksel aslının kameranızla fotoğrafını çekin ve o fotoğrafı yükleyin. Görsellerin, dosyaların veya uygulamaların ekran görüntüleri kabul edilmez.",
            ),
            pt: t(
                "A imagem é uma captura de tela, não uma foto do seu documento.",
                "Tire com a câmera uma foto do seu documento físico original e envie essa foto. Capturas de tela de imagens, arquivos ou aplicativos não são aceitas.",
            ),
            ko: t(
                "이 이미지는 신분증 사진이 아닌 화면 캡처입니다.",
                "신분증 실물 원본을 카메라로 촬영하여 그 사진을 업로드해 주십시오. 이미지, 파일 또는 앱의 화면 캡처는 허용되지 않습니다.",
            ),
            ja: t(
                "この画像は本人確認書類の写真ではなく、スクリーンショットです。",
                "書類の原本（実物）をカメラで撮影し、その写真をアップロードしてください。画像、ファイル、アプリのスクリーンショットは受け付けていません。",
            ),
            fr: t(
                "L'image est une capture d'écran, et non une photo de votre document.",
                "Prenez en photo l'original physique de votre document avec votre appareil photo, puis envoyez cette photo. Les captures d'écran d'images, de fichiers ou d'applications ne sont pas acceptées.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::Photocopy,
        group: Group::CaptureIntegrity,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "Signs of a paper copy (black-and-white or low colourfulness, toner or halftone texture, flat paper without security features); evidence: signals, colourfulness, score, threshold.",
        texts: Texts {
            en: t(
                "The image shows a photocopy or printout, not your original document.",
                "Take a colour photo of your original physical document with your camera. Photocopies, printouts, scans and black-and-white copies cannot be accepted.",
            ),
            zh_cn: t(
                "该图片显示的是复印件或打印件，而不是证件原件。",
                "请用相机拍摄证件原件的彩色照片。不接受复印件、打印件、扫描件和黑白副本。",
            ),
            es: t(
                "La imagen muestra una fotocopia o impresión, no su documento original.",
                "Tome con la cámara una foto a color de su documento físico original. No se aceptan fotocopias, impresiones, escaneos ni copias en blanco y negro.",
            ),
            ru: t(
                "На изображении копия или распечатка, а не оригинал документа.",
                "Сделайте камерой цветное фото оригинала документа. Ксерокопии, распечатки, сканы и чёрно-белые копии не принимаются.",
            ),
            vi: t(
                "Hình ảnh là bản photocopy hoặc bản in, không phải bản gốc giấy tờ tùy thân.",
                "Hãy dùng máy ảnh chụp ảnh màu bản gốc giấy tờ tùy thân. Chúng tôi không chấp nhận bản photocopy, bản in, bản scan hay bản sao đen trắng.",
            ),
            tr: t(
                "Görselde belgenizin aslı değil, fotokopisi veya çıktısı görünüyor.",
                "Belgenizin fiziksel aslının kameranızla renkli fotoğrafını çekin. Fotokopiler, çıktılar, taranmış kopyalar ve siyah beyaz kopyalar kabul edilmez.",
            ),
            pt: t(
                "A imagem mostra uma fotocópia ou impressão, não o seu documento original.",
                "Tire com a câmera uma foto colorida do seu documento físico original. Fotocópias, impressões, digitalizações e cópias em preto e branco não são aceitas.",
            ),
            ko: t(
                "이 이미지는 신분증 원본이 아닌 복사본 또는 인쇄물입니다.",
                "신분증 실물 원본을 카메라로 컬러 촬영해 주십시오. 복사본, 인쇄물, 스캔본, 흑백 사본은 허용되지 않습니다.",
            ),
            ja: t(
                "この画像は本人確認書類の原本ではなく、コピーまたは印刷物です。",
                "書類の原本（実物）をカメラでカラー撮影してください。コピー、印刷物、スキャン画像、白黒のコピーは受け付けていません。",
            ),
            fr: t(
                "L'image montre une photocopie ou une impression, et non votre document original.",
                "Prenez avec votre appareil photo une photo en couleur de l'original physique de votre document. Les photocopies, impressions, numérisations et copies en noir et blanc ne sont pas acceptées.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::ScreenRecapture,
        group: Group::CaptureIntegrity,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "Signs of a photographed display (moiré, visible pixel grid, screen bezel or emitted-light colour cast); evidence: signals, moire_score, score, threshold.",
        texts: Texts {
            en: t(
                "The image shows your document on a screen, not the original document.",
                "Take a photo of your original physical document with your camera. Photos of a document displayed on another phone, tablet or computer cannot be accepted.",
            ),
            zh_cn: t(
                "该图片拍摄的是屏幕上显示的证件，而不是证件原件。",
                "请用相机拍摄证件原件。不接受拍摄其他手机、平板或电脑屏幕上所显示证件的照片。",
            ),
            es: t(
                "La imagen muestra su documento en una pantalla, no el documento original.",
                "Tome con la cámara una foto de su documento físico original. No se aceptan fotos de un documento mostrado en otro teléfono, tableta o computadora.",
            ),
            ru: t(
                "На изображении документ, показанный на экране, а не оригинал.",
                "Сфотографируйте оригинал документа камерой. Фото документа, открытого на экране другого телефона, планшета или компьютера, не принимаются.",
            ),
            vi: t(
                "Hình ảnh chụp giấy tờ tùy thân hiển thị trên màn hình, không phải bản gốc.",
                "Hãy dùng máy ảnh chụp bản gốc giấy tờ tùy thân. Chúng tôi không chấp nhận ảnh chụp giấy tờ hiển thị trên màn hình điện thoại, máy tính bảng hoặc máy tính khác.",
            ),
            tr: t(
                "Görselde belgenizin aslı değil, ekranda görüntülenen hali var.",
                "Belgenizin fiziksel aslının kameranızla fotoğrafını çekin. Başka bir telefon, tablet veya bilgisayar ekranında gösterilen belgenin fotoğrafları kabul edilmez.",
            ),
            pt: t(
                "A imagem mostra seu documento em uma tela, não o documento original.",
                "Tire com a câmera uma foto do seu documento físico original. Fotos de um documento exibido em outro celular, tablet ou computador não são aceitas.",
            ),
            ko: t(
                "이 이미지는 신분증 원본이 아닌 화면에 표시된 신분증을 촬영한 것입니다.",
                "신분증 실물 원본을 카메라로 촬영해 주십시오. 다른 휴대폰, 태블릿, 컴퓨터 화면에 표시된 신분증을 찍은 사진은 허용되지 않습니다.",
            ),
            ja: t(
                "この画像は本人確認書類の原本ではなく、画面に表示された書類を撮影したものです。",
                "書類の原本（実物）をカメラで撮影してください。別のスマートフォン、タブレット、パソコンの画面に表示した書類の写真は受け付けていません。",
            ),
            fr: t(
                "L'image montre votre document affiché sur un écran, et non l'original.",
                "Prenez en photo l'original physique de votre document avec votre appareil photo. Les photos d'un document affiché sur un autre téléphone, une tablette ou un ordinateur ne sont pas acceptées.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::DocumentDamaged,
        group: Group::Document,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "Tears, holes, heavy folds or wear cross the document or its data fields; evidence: damage_type, affected_fields, score, threshold.",
        texts: Texts {
            en: t(
                "Your document appears to be damaged, so it cannot be verified.",
                "If the document is only folded, flatten it and take the photo again. If it is torn, worn or has missing parts, use another valid identity document.",
            ),
            zh_cn: t(
                "您的证件似乎已损坏，无法完成验证。",
                "如果证件只是有折痕，请将其压平后重新拍摄。如果证件有破损、磨损或缺失部分，请使用另一份有效证件。",
            ),
            es: t(
                "Su documento parece estar dañado y no se puede verificar.",
                "Si el documento solo está doblado, alíselo y vuelva a tomar la foto. Si está roto, desgastado o le faltan partes, use otro documento de identidad válido.",
            ),
            ru: t(
                "Похоже, ваш документ повреждён, поэтому его невозможно проверить.",
                "Если документ просто согнут, расправьте его и сделайте фото заново. Если он порван, изношен или у него отсутствуют части, используйте другой действительный документ.",
            ),
            vi: t(
                "Giấy tờ tùy thân của bạn có vẻ bị hư hỏng nên không thể xác minh.",
                "Nếu giấy tờ chỉ bị gấp, hãy làm phẳng rồi chụp lại. Nếu giấy tờ bị rách, mòn hoặc mất một phần, hãy dùng một giấy tờ tùy thân hợp lệ khác.",
            ),
            tr: t(
                "Belgeniz hasarlı görünüyor, bu nedenle doğrulanamıyor.",
                "Belge yalnızca katlanmışsa düzleştirip fotoğrafı yeniden çekin. Yırtık, yıpranmış veya eksik parçaları varsa geçerli başka bir kimlik belgesi kullanın.",
            ),
            pt: t(
                "Seu documento parece estar danificado, por isso não pode ser verificado.",
                "Se o documento estiver apenas dobrado, alise-o e tire a foto novamente. Se estiver rasgado, gasto ou com partes faltando, use outro documento de identidade válido.",
            ),
            ko: t(
                "신분증이 손상된 것으로 보여 인증할 수 없습니다.",
                "신분증이 접혀 있기만 하다면 평평하게 편 뒤 다시 촬영해 주십시오. 찢어지거나 닳았거나 일부가 없다면 다른 유효한 신분증을 사용해 주십시오.",
            ),
            ja: t(
                "本人確認書類が破損しているようで、確認できません。",
                "書類が折れているだけの場合は、平らに伸ばしてから撮り直してください。破れ、擦り切れ、欠けがある場合は、別の有効な本人確認書類をご利用ください。",
            ),
            fr: t(
                "Votre document semble endommagé et ne peut donc pas être vérifié.",
                "Si le document est seulement plié, aplatissez-le et reprenez la photo. S'il est déchiré, usé ou s'il lui manque des parties, utilisez une autre pièce d'identité valide.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::LevelDataMismatch,
        group: Group::DataConsistency,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "Level 1 (primary) data differs from the level 2 document after normalisation; evidence: fields, level1, document, similarity, threshold.",
        texts: Texts {
            en: t(
                "The details from your basic verification do not match the document you uploaded.",
                "Check that the name and document number from your basic verification match this document exactly. Correct your details, or upload the same document you used there.",
            ),
            zh_cn: t(
                "您在基础认证中填写的信息与上传的证件不一致。",
                "请确认基础认证中的姓名和证件号码与该证件完全一致。请更正您的信息，或上传您在基础认证中使用的同一份证件。",
            ),
            es: t(
                "Los datos de su verificación básica no coinciden con el documento que subió.",
                "Compruebe que el nombre y el número de documento de su verificación básica coincidan exactamente con este documento. Corrija sus datos o suba el mismo documento que usó allí.",
            ),
            ru: t(
                "Данные из базовой верификации не совпадают с загруженным документом.",
                "Убедитесь, что имя и номер документа, указанные при базовой верификации, точно совпадают с этим документом. Исправьте данные или загрузите тот же документ, который использовали тогда.",
            ),
            vi: t(
                "Thông tin ở bước xác minh cơ bản không khớp với giấy tờ tùy thân bạn đã tải lên.",
                "Hãy kiểm tra để họ tên và số giấy tờ ở bước xác minh cơ bản khớp chính xác với giấy tờ này. Vui lòng sửa thông tin, hoặc tải lên đúng giấy tờ bạn đã dùng ở bước đó.",
            ),
            tr: t(
                "Temel doğrulamadaki bilgileriniz yüklediğiniz belgeyle eşleşmiyor.",
                "Temel doğrulamada girdiğiniz ad ve belge numarasının bu belgeyle tam olarak eşleştiğini kontrol edin. Bilgilerinizi düzeltin veya orada kullandığınız belgenin aynısını yükleyin.",
            ),
            pt: t(
                "Os dados da sua verificação básica não correspondem ao documento enviado.",
                "Confira se o nome e o número do documento da verificação básica são exatamente iguais aos deste documento. Corrija seus dados ou envie o mesmo documento usado naquela etapa.",
            ),
            ko: t(
                "기본 인증에서 입력하신 정보가 업로드하신 신분증과 일치하지 않습니다.",
                "기본 인증의 이름과 신분증 번호가 이 신분증과 정확히 일치하는지 확인해 주십시오. 정보를 수정하거나 기본 인증에 사용한 신분증을 업로드해 주십시오.",
            ),
            ja: t(
                "基本認証で入力された情報が、アップロードされた本人確認書類と一致しません。",
                "基本認証の氏名と書類番号がこの書類と完全に一致しているかご確認ください。情報を修正するか、基本認証で使用したものと同じ書類をアップロードしてください。",
            ),
            fr: t(
                "Les informations de votre vérification de base ne correspondent pas au document envoyé.",
                "Vérifiez que le nom et le numéro de document indiqués lors de la vérification de base correspondent exactement à ce document. Corrigez vos informations ou envoyez le document utilisé lors de cette étape.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::DataMismatchName,
        group: Group::DataConsistency,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "Declared name and document name differ beyond the similarity threshold after normalisation (case, diacritics, transliteration, name order); evidence: declared, document, similarity, threshold.",
        texts: Texts {
            en: t(
                "The name you entered does not match the name on your document.",
                "Enter your name exactly as it is written on your document, including all first, middle and last names, and submit again.",
            ),
            zh_cn: t(
                "您填写的姓名与证件上的姓名不一致。",
                "请完全按照证件上的写法填写姓名（包括名字、中间名和姓氏），然后重新提交。",
            ),
            es: t(
                "El nombre que ingresó no coincide con el de su documento.",
                "Escriba su nombre exactamente como aparece en su documento, con todos sus nombres y apellidos, y vuelva a enviarlo.",
            ),
            ru: t(
                "Указанное вами имя не совпадает с именем в документе.",
                "Введите имя точно так, как оно написано в документе, включая все имена, отчество и фамилию, и отправьте данные снова.",
            ),
            vi: t(
                "Họ tên bạn nhập không khớp với họ tên trên giấy tờ tùy thân.",
                "Vui lòng nhập họ tên chính xác như trên giấy tờ, bao gồm đầy đủ họ, tên đệm và tên, rồi gửi lại.",
            ),
            tr: t(
                "Girdiğiniz ad, belgenizdeki adla eşleşmiyor.",
                "Adınızı, tüm ad, ikinci ad ve soyadlarınız dahil olmak üzere belgenizde yazıldığı şekliyle girin ve tekrar gönderin.",
            ),
            pt: t(
                "O nome informado não corresponde ao nome no seu documento.",
                "Informe seu nome exatamente como está escrito no documento, incluindo todos os nomes e sobrenomes, e envie novamente.",
            ),
            ko: t(
                "입력하신 이름이 신분증의 이름과 일치하지 않습니다.",
                "이름, 중간 이름, 성을 모두 포함하여 신분증에 적힌 그대로 이름을 입력한 뒤 다시 제출해 주십시오.",
            ),
            ja: t(
                "入力された氏名が本人確認書類の氏名と一致しません。",
                "名、ミドルネーム、姓を含め、書類に記載されているとおりに氏名を入力し、もう一度送信してください。",
            ),
            fr: t(
                "Le nom que vous avez saisi ne correspond pas à celui de votre document.",
                "Saisissez votre nom exactement comme il est écrit sur votre document, avec tous vos prénoms et noms, puis envoyez à nouveau.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::DataMismatchBirthDate,
        group: Group::DataConsistency,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "Declared birth date differs from the document's (a day/month swap is flagged in the evidence); evidence: declared, document, source, swapped.",
        texts: Texts {
            en: t(
                "The date of birth you entered does not match the one on your document.",
                "Check the date of birth on your document, paying attention to the order of day, month and year, correct it in the form and submit again.",
            ),
            zh_cn: t(
                "您填写的出生日期与证件上的不一致。",
                "请核对证件上的出生日期，注意日、月、年的顺序，在表单中更正后重新提交。",
            ),
            es: t(
                "La fecha de nacimiento que ingresó no coincide con la de su documento.",
                "Revise la fecha de nacimiento de su documento, prestando atención al orden de día, mes y año, corríjala en el formulario y vuelva a enviarlo.",
            ),
            ru: t(
                "Указанная дата рождения не совпадает с датой в документе.",
                "Сверьте дату рождения с документом, обращая внимание на порядок дня, месяца и года, исправьте её в форме и отправьте снова.",
            ),
            vi: t(
                "Ngày sinh bạn nhập không khớp với ngày sinh trên giấy tờ tùy thân.",
                "Hãy đối chiếu ngày sinh trên giấy tờ, chú ý thứ tự ngày, tháng, năm, sửa lại trong biểu mẫu rồi gửi lại.",
            ),
            tr: t(
                "Girdiğiniz doğum tarihi, belgenizdekiyle eşleşmiyor.",
                "Gün, ay ve yıl sırasına dikkat ederek belgenizdeki doğum tarihini kontrol edin, formda düzeltin ve tekrar gönderin.",
            ),
            pt: t(
                "A data de nascimento informada não corresponde à do seu documento.",
                "Confira a data de nascimento no documento, prestando atenção à ordem de dia, mês e ano, corrija-a no formulário e envie novamente.",
            ),
            ko: t(
                "입력하신 생년월일이 신분증의 생년월일과 일치하지 않습니다.",
                "일, 월, 연도의 순서에 유의하여 신분증의 생년월일을 확인하고, 양식에서 수정한 뒤 다시 제출해 주십시오.",
            ),
            ja: t(
                "入力された生年月日が本人確認書類の生年月日と一致しません。",
                "日・月・年の順序に注意して書類の生年月日をご確認のうえ、フォームで修正してもう一度送信してください。",
            ),
            fr: t(
                "La date de naissance saisie ne correspond pas à celle de votre document.",
                "Vérifiez la date de naissance sur votre document en faisant attention à l'ordre du jour, du mois et de l'année, corrigez-la dans le formulaire et envoyez à nouveau.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::DataMismatchAddress,
        group: Group::DataConsistency,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "Declared address differs from the address on the document beyond the similarity threshold after normalisation; evidence: declared, document, similarity, threshold.",
        texts: Texts {
            en: t(
                "The address you entered does not match the address on your document.",
                "Enter your address exactly as it appears on your document. If you have moved, upload a document that shows your current address.",
            ),
            zh_cn: t(
                "您填写的地址与证件上的地址不一致。",
                "请完全按照证件上的内容填写地址。如果您已搬家，请上传显示您当前地址的证件。",
            ),
            es: t(
                "La dirección que ingresó no coincide con la de su documento.",
                "Escriba su dirección exactamente como aparece en su documento. Si se mudó, suba un documento que muestre su dirección actual.",
            ),
            ru: t(
                "Указанный адрес не совпадает с адресом в документе.",
                "Введите адрес точно так, как он указан в документе. Если вы переехали, загрузите документ с вашим текущим адресом.",
            ),
            vi: t(
                "Địa chỉ bạn nhập không khớp với địa chỉ trên giấy tờ tùy thân.",
                "Vui lòng nhập địa chỉ chính xác như trên giấy tờ. Nếu bạn đã chuyển nơi ở, hãy tải lên giấy tờ thể hiện địa chỉ hiện tại.",
            ),
            tr: t(
                "Girdiğiniz adres, belgenizdeki adresle eşleşmiyor.",
                "Adresinizi belgenizde yazdığı şekliyle girin. Taşındıysanız güncel adresinizi gösteren bir belge yükleyin.",
            ),
            pt: t(
                "O endereço informado não corresponde ao endereço no seu documento.",
                "Informe seu endereço exatamente como aparece no documento. Se você mudou de endereço, envie um documento que mostre seu endereço atual.",
            ),
            ko: t(
                "입력하신 주소가 신분증의 주소와 일치하지 않습니다.",
                "신분증에 표시된 그대로 주소를 입력해 주십시오. 이사하셨다면 현재 주소가 표시된 신분증을 업로드해 주십시오.",
            ),
            ja: t(
                "入力された住所が本人確認書類の住所と一致しません。",
                "書類に記載されているとおりに住所を入力してください。転居された場合は、現住所が記載された書類をアップロードしてください。",
            ),
            fr: t(
                "L'adresse saisie ne correspond pas à celle de votre document.",
                "Saisissez votre adresse exactement comme elle figure sur votre document. Si vous avez déménagé, envoyez un document indiquant votre adresse actuelle.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::DataMismatchNationality,
        group: Group::DataConsistency,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "Declared nationality differs from the document's nationality (ISO 3166 code from the MRZ or printed zone); evidence: declared, document, source.",
        texts: Texts {
            en: t(
                "The nationality you selected does not match your document.",
                "Select the nationality shown on your document. If you have more than one nationality, choose the one of the document you upload.",
            ),
            zh_cn: t(
                "您选择的国籍与证件不一致。",
                "请选择证件上显示的国籍。如果您拥有多个国籍，请选择与所上传证件一致的国籍。",
            ),
            es: t(
                "La nacionalidad que seleccionó no coincide con su documento.",
                "Seleccione la nacionalidad que figura en su documento. Si tiene más de una nacionalidad, elija la del documento que suba.",
            ),
            ru: t(
                "Выбранное гражданство не совпадает с документом.",
                "Выберите гражданство, указанное в документе. Если у вас несколько гражданств, выберите то, которое соответствует загружаемому документу.",
            ),
            vi: t(
                "Quốc tịch bạn chọn không khớp với giấy tờ tùy thân.",
                "Vui lòng chọn quốc tịch ghi trên giấy tờ. Nếu bạn có nhiều quốc tịch, hãy chọn quốc tịch tương ứng với giấy tờ bạn tải lên.",
            ),
            tr: t(
                "Seçtiğiniz uyruk, belgenizle eşleşmiyor.",
                "Belgenizde yazan uyruğu seçin. Birden fazla uyruğunuz varsa yüklediğiniz belgeye ait olanı seçin.",
            ),
            pt: t(
                "A nacionalidade selecionada não corresponde ao seu documento.",
                "Selecione a nacionalidade indicada no documento. Se você tiver mais de uma nacionalidade, escolha a do documento que enviar.",
            ),
            ko: t(
                "선택하신 국적이 신분증과 일치하지 않습니다.",
                "신분증에 표시된 국적을 선택해 주십시오. 국적이 둘 이상이라면 업로드하는 신분증의 국적을 선택해 주십시오.",
            ),
            ja: t(
                "選択された国籍が本人確認書類と一致しません。",
                "書類に記載されている国籍を選択してください。複数の国籍をお持ちの場合は、アップロードする書類の国籍を選択してください。",
            ),
            fr: t(
                "La nationalité sélectionnée ne correspond pas à votre document.",
                "Sélectionnez la nationalité indiquée sur votre document. Si vous avez plusieurs nationalités, choisissez celle du document que vous envoyez.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::DataMismatchDocumentNumber,
        group: Group::DataConsistency,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "Declared document number differs from the number read from the document (after removing spaces and separators); evidence: declared, document, source, edit_distance.",
        texts: Texts {
            en: t(
                "The document number you entered does not match the number on your document.",
                "Copy the document number exactly as it is printed, checking look-alike characters such as 0 and O or 1 and I, and submit again.",
            ),
            zh_cn: t(
                "您填写的证件号码与证件上的号码不一致。",
                "请完全按照证件上印刷的内容填写证件号码，注意区分 0 和 O、1 和 I 等相似字符，然后重新提交。",
            ),
            es: t(
                "El número de documento que ingresó no coincide con el de su documento.",
                "Copie el número de documento exactamente como está impreso, revisando caracteres parecidos como 0 y O o 1 e I, y vuelva a enviarlo.",
            ),
            ru: t(
                "Указанный номер документа не совпадает с номером в документе.",
                "Перепишите номер документа точно так, как он напечатан, обращая внимание на похожие символы, например 0 и O или 1 и I, и отправьте снова.",
            ),
            vi: t(
                "Số giấy tờ bạn nhập không khớp với số trên giấy tờ tùy thân.",
                "Hãy nhập số giấy tờ chính xác như được in, chú ý các ký tự dễ nhầm như 0 và O hoặc 1 và I, rồi gửi lại.",
            ),
            tr: t(
                "Girdiğiniz belge numarası, belgenizdeki numarayla eşleşmiyor.",
                "Belge numarasını, 0 ile O veya 1 ile I gibi benzer karakterlere dikkat ederek basılı olduğu şekliyle girin ve tekrar gönderin.",
            ),
            pt: t(
                "O número do documento informado não corresponde ao número no seu documento.",
                "Copie o número do documento exatamente como está impresso, conferindo caracteres parecidos como 0 e O ou 1 e I, e envie novamente.",
            ),
            ko: t(
                "입력하신 신분증 번호가 신분증에 적힌 번호와 일치하지 않습니다.",
                "0과 O, 1과 I처럼 비슷한 문자에 유의하여 신분증 번호를 인쇄된 그대로 입력한 뒤 다시 제출해 주십시오.",
            ),
            ja: t(
                "入力された書類番号が本人確認書類の番号と一致しません。",
                "0とO、1とIなど似た文字に注意して、印字されているとおりに書類番号を入力し、もう一度送信してください。",
            ),
            fr: t(
                "Le numéro de document saisi ne correspond pas à celui de votre document.",
                "Recopiez le numéro exactement tel qu'il est imprimé, en faisant attention aux caractères semblables comme 0 et O ou 1 et I, puis envoyez à nouveau.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::SuspiciousActivity,
        group: Group::Activity,
        outcome: Outcome::Review,
        retry: true,
        explain_to_applicant: false,
        reviewer_note: "Account activity matched transaction-monitoring rules (e.g. unusually large deposits or withdrawals, laundering patterns, frequent account changes); evidence: rules, window, amounts. Never disclose to the applicant (tipping off).",
        texts: NEUTRAL,
    },
    ReasonSpec {
        code: ReasonCode::SystemError,
        group: Group::System,
        outcome: Outcome::Review,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "A kycd component failed (timeout, model, decoder or storage error); the check was retried and the case sent to review instead of being rejected. Evidence: component, error, attempts.",
        texts: Texts {
            en: t(
                "Something went wrong on our side while checking your application. Nothing is wrong with your documents.",
                "You don't need to do anything. We are retrying automatically, and if needed a member of our team will finish the review. We will e-mail you the result.",
            ),
            zh_cn: t(
                "我们在审核您的申请时出现了系统问题，您的证件没有任何问题。",
                "您无需进行任何操作。我们正在自动重试，如有需要，将由我们的团队成员完成审核。结果将通过电子邮件通知您。",
            ),
            es: t(
                "Se produjo un error de nuestra parte al revisar su solicitud. Sus documentos no tienen ningún problema.",
                "No necesita hacer nada. Estamos reintentando automáticamente y, si es necesario, un miembro de nuestro equipo terminará la revisión. Le enviaremos el resultado por correo electrónico.",
            ),
            ru: t(
                "При проверке вашей заявки произошёл сбой на нашей стороне. С вашими документами всё в порядке.",
                "От вас ничего не требуется. Мы автоматически повторяем проверку, а при необходимости её завершит наш сотрудник. Результат мы сообщим по электронной почте.",
            ),
            vi: t(
                "Đã xảy ra lỗi từ phía chúng tôi khi kiểm tra hồ sơ của bạn. Giấy tờ của bạn không có vấn đề gì.",
                "Bạn không cần làm gì. Chúng tôi đang tự động thử lại và nếu cần, nhân viên của chúng tôi sẽ hoàn tất việc xem xét. Chúng tôi sẽ gửi kết quả qua email.",
            ),
            tr: t(
                "Başvurunuz kontrol edilirken bizden kaynaklanan bir sorun oluştu. Belgelerinizde herhangi bir sorun yok.",
                "Herhangi bir işlem yapmanız gerekmiyor. Kontrolü otomatik olarak yeniden deniyoruz; gerekirse incelemeyi ekibimizden biri tamamlayacak. Sonucu size e-posta ile bildireceğiz.",
            ),
            pt: t(
                "Ocorreu um erro do nosso lado ao verificar sua solicitação. Não há nenhum problema com seus documentos.",
                "Você não precisa fazer nada. Estamos tentando novamente de forma automática e, se necessário, um membro da nossa equipe concluirá a análise. Enviaremos o resultado por e-mail.",
            ),
            ko: t(
                "신청을 확인하는 중 저희 측에 문제가 발생했습니다. 고객님의 신분증에는 문제가 없습니다.",
                "별도로 하실 일은 없습니다. 자동으로 다시 시도하고 있으며, 필요한 경우 담당자가 검토를 마무리합니다. 결과는 이메일로 알려 드리겠습니다.",
            ),
            ja: t(
                "申請の確認中に当社側で問題が発生しました。お客様の書類に問題はありません。",
                "お客様の操作は必要ありません。自動的に再試行しており、必要に応じて担当者が確認を完了します。結果はメールでお知らせします。",
            ),
            fr: t(
                "Un problème est survenu de notre côté lors de la vérification de votre demande. Vos documents ne sont pas en cause.",
                "Vous n'avez rien à faire. Nous relançons la vérification automatiquement et, si nécessaire, un membre de notre équipe la terminera. Nous vous enverrons le résultat par e-mail.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::DocumentIntegrity,
        group: Group::Document,
        outcome: Outcome::Review,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "MRZ or barcode check digits fail; evidence: field, expected, found. A misread is more common than tampering: compare with the image.",
        texts: Texts {
            en: t(
                "We could not read the lines of code at the bottom of your document correctly.",
                "Take a sharper photo in good light in which the lines of code at the bottom of your document are fully visible, with no glare or fingers over them, and upload it again.",
            ),
            zh_cn: t(
                "我们无法正确读取证件底部的几行字符。",
                "请在光线充足处拍摄一张更清晰的照片，确保证件底部的几行字符完整可见、没有反光或手指遮挡，然后重新上传。",
            ),
            es: t(
                "No pudimos leer correctamente las líneas de código de la parte inferior de su documento.",
                "Tome una foto más nítida y con buena luz en la que se vean completas las líneas de código de la parte inferior del documento, sin reflejos ni dedos encima, y súbala de nuevo.",
            ),
            ru: t(
                "Нам не удалось правильно прочитать строки кода внизу документа.",
                "Сделайте более чёткое фото при хорошем освещении, на котором строки кода внизу документа видны полностью, без бликов и пальцев, и загрузите его снова.",
            ),
            vi: t(
                "Chúng tôi không đọc chính xác được các dòng mã ở cuối giấy tờ tùy thân của bạn.",
                "Hãy chụp một ảnh sắc nét hơn ở nơi đủ sáng, trong đó các dòng mã ở cuối giấy tờ hiện rõ hoàn toàn, không bị lóa hay bị ngón tay che, rồi tải lên lại.",
            ),
            tr: t(
                "Belgenizin altındaki kod satırlarını doğru okuyamadık.",
                "İyi ışıkta, belgenin altındaki kod satırlarının parlama veya parmak olmadan tamamen göründüğü daha net bir fotoğraf çekin ve tekrar yükleyin.",
            ),
            pt: t(
                "Não conseguimos ler corretamente as linhas de código na parte inferior do seu documento.",
                "Tire uma foto mais nítida, com boa iluminação, em que as linhas de código na parte inferior do documento apareçam por inteiro, sem reflexos ou dedos por cima, e envie novamente.",
            ),
            ko: t(
                "신분증 하단의 코드 줄을 정확히 읽을 수 없었습니다.",
                "밝은 곳에서 신분증 하단의 코드 줄이 빛 반사나 손가락에 가려지지 않고 모두 보이도록 더 선명하게 촬영하여 다시 업로드해 주십시오.",
            ),
            ja: t(
                "本人確認書類の下部にあるコード行を正しく読み取れませんでした。",
                "明るい場所で、書類下部のコード行が光の反射や指で隠れずにすべて写るよう、より鮮明な写真を撮り直してアップロードしてください。",
            ),
            fr: t(
                "Nous n'avons pas pu lire correctement les lignes de code en bas de votre document.",
                "Prenez une photo plus nette, sous un bon éclairage, où les lignes de code en bas du document sont entièrement visibles, sans reflet ni doigt dessus, puis envoyez-la à nouveau.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::DocumentInconsistent,
        group: Group::Document,
        outcome: Outcome::Review,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "The same field reads differently in two sources of the document (MRZ, printed zone, barcode, front vs back); evidence: field, sources, values. Check for a misread before suspecting alteration.",
        texts: Texts {
            en: t(
                "Details read from different parts of your document do not agree, so our team needs to check them.",
                "Our team will check your document and e-mail you the result. If you are asked for new photos, take sharp photos of the front and back in good light with all text visible.",
            ),
            zh_cn: t(
                "从证件不同部分读取的信息不一致，需要我们的团队进行核实。",
                "我们的团队将核实您的证件，并通过电子邮件通知您结果。如需重新提供照片，请在光线充足处清晰拍摄证件正反面，并确保所有文字可见。",
            ),
            es: t(
                "Los datos leídos en distintas partes de su documento no coinciden, por lo que nuestro equipo debe revisarlos.",
                "Nuestro equipo revisará su documento y le enviará el resultado por correo electrónico. Si le pedimos nuevas fotos, tome fotos nítidas del frente y el reverso con buena luz y todo el texto visible.",
            ),
            ru: t(
                "Данные, прочитанные из разных частей документа, не совпадают, поэтому их проверит наша команда.",
                "Наша команда проверит документ и сообщит результат по электронной почте. Если мы попросим новые фото, сделайте чёткие снимки лицевой и оборотной сторон при хорошем освещении, чтобы был виден весь текст.",
            ),
            vi: t(
                "Thông tin đọc được ở các phần khác nhau của giấy tờ tùy thân không khớp nhau, nên đội ngũ của chúng tôi cần kiểm tra.",
                "Đội ngũ của chúng tôi sẽ kiểm tra giấy tờ và gửi kết quả qua email. Nếu được yêu cầu ảnh mới, hãy chụp rõ mặt trước và mặt sau ở nơi đủ sáng, thấy rõ toàn bộ chữ.",
            ),
            tr: t(
                "Belgenizin farklı bölümlerinden okunan bilgiler birbiriyle uyuşmuyor, bu nedenle ekibimizin kontrol etmesi gerekiyor.",
                "Ekibimiz belgenizi kontrol edip sonucu size e-posta ile bildirecek. Yeni fotoğraf istenirse ön ve arka yüzün, tüm yazılar görünecek şekilde iyi ışıkta net fotoğraflarını çekin.",
            ),
            pt: t(
                "Os dados lidos em diferentes partes do seu documento não coincidem, por isso nossa equipe precisa verificá-los.",
                "Nossa equipe vai verificar seu documento e enviar o resultado por e-mail. Se pedirmos novas fotos, tire fotos nítidas da frente e do verso com boa iluminação e todo o texto visível.",
            ),
            ko: t(
                "신분증의 여러 부분에서 읽은 정보가 서로 일치하지 않아 저희 팀의 확인이 필요합니다.",
                "저희 팀이 신분증을 확인한 후 결과를 이메일로 알려 드립니다. 새 사진을 요청받으시면 밝은 곳에서 모든 글자가 보이도록 신분증 앞면과 뒷면을 선명하게 촬영해 주십시오.",
            ),
            ja: t(
                "本人確認書類の異なる箇所から読み取った情報が一致しないため、当社チームによる確認が必要です。",
                "当社チームが書類を確認し、結果をメールでお知らせします。新しい写真をお願いした場合は、明るい場所ですべての文字が写るよう、書類の表面と裏面を鮮明に撮影してください。",
            ),
            fr: t(
                "Les informations lues à différents endroits de votre document ne concordent pas : notre équipe doit donc les vérifier.",
                "Notre équipe va vérifier votre document et vous enverra le résultat par e-mail. Si de nouvelles photos vous sont demandées, photographiez nettement le recto et le verso sous un bon éclairage, avec tout le texte visible.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::DocumentSideMissing,
        group: Group::Document,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "The document type requires both sides and only one was received, or both uploads show the same side; evidence: document_type, sides_received.",
        texts: Texts {
            en: t(
                "The back of your document is also needed, but it was not uploaded.",
                "Take a photo of the back of your document too and upload both sides. Make sure the whole side, including any barcode or lines of code, is visible.",
            ),
            zh_cn: t(
                "还需要证件背面的照片，但您尚未上传。",
                "请同时拍摄证件背面，并上传正反两面。请确保整面完整可见，包括条形码或字符行（如有）。",
            ),
            es: t(
                "También se necesita el reverso de su documento, pero no se subió.",
                "Tome también una foto del reverso de su documento y suba ambos lados. Asegúrese de que se vea el lado completo, incluidos el código de barras o las líneas de código, si los hay.",
            ),
            ru: t(
                "Нужна также оборотная сторона документа, но она не была загружена.",
                "Сфотографируйте также оборотную сторону документа и загрузите обе стороны. Убедитесь, что сторона видна целиком, включая штрихкод или строки кода, если они есть.",
            ),
            vi: t(
                "Cần có cả mặt sau của giấy tờ tùy thân nhưng bạn chưa tải lên.",
                "Hãy chụp thêm mặt sau của giấy tờ và tải lên cả hai mặt. Đảm bảo thấy rõ toàn bộ mặt giấy tờ, kể cả mã vạch hoặc các dòng mã nếu có.",
            ),
            tr: t(
                "Belgenizin arka yüzü de gerekiyor, ancak yüklenmemiş.",
                "Belgenizin arka yüzünün de fotoğrafını çekin ve iki yüzü birlikte yükleyin. Varsa barkod veya kod satırları dahil yüzün tamamının göründüğünden emin olun.",
            ),
            pt: t(
                "O verso do seu documento também é necessário, mas não foi enviado.",
                "Tire também uma foto do verso do documento e envie os dois lados. Verifique se o lado inteiro aparece, incluindo o código de barras ou as linhas de código, se houver.",
            ),
            ko: t(
                "신분증 뒷면도 필요하지만 업로드되지 않았습니다.",
                "신분증 뒷면도 촬영하여 양면을 모두 업로드해 주십시오. 바코드나 코드 줄이 있다면 이를 포함해 면 전체가 보이도록 해 주십시오.",
            ),
            ja: t(
                "本人確認書類の裏面も必要ですが、アップロードされていません。",
                "書類の裏面も撮影し、両面をアップロードしてください。バーコードやコード行がある場合はそれも含め、面全体が写るようにしてください。",
            ),
            fr: t(
                "Le verso de votre document est également nécessaire, mais il n'a pas été envoyé.",
                "Photographiez aussi le verso de votre document et envoyez les deux faces. Vérifiez que la face est entièrement visible, y compris le code-barres ou les lignes de code éventuels.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::SelfieUnusable,
        group: Group::Biometrics,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "No selfie, no face, several faces, or face quality (size, pose, occlusion, lighting) below the policy threshold; evidence: faces_found, issue, quality, threshold.",
        texts: Texts {
            en: t(
                "Your selfie is missing or cannot be used. We need one clear photo of your face.",
                "Take a new selfie facing the camera in good light, with no one else in the picture, your whole face visible and no sunglasses, hat or mask.",
            ),
            zh_cn: t(
                "缺少自拍照或自拍照无法使用，我们需要一张清晰的本人面部照片。",
                "请在光线充足处正对镜头重新自拍，画面中只有您本人，面部完整可见，不要佩戴墨镜、帽子或口罩。",
            ),
            es: t(
                "Falta su selfie o no se puede usar. Necesitamos una foto clara de su rostro.",
                "Tómese una nueva selfie mirando a la cámara, con buena luz, sin otras personas en la imagen, con el rostro completo visible y sin lentes de sol, gorra ni mascarilla.",
            ),
            ru: t(
                "Селфи отсутствует или его невозможно использовать. Нам нужна одна чёткая фотография вашего лица.",
                "Сделайте новое селфи при хорошем освещении, глядя в камеру: в кадре должны быть только вы, лицо видно полностью, без солнцезащитных очков, головного убора и маски.",
            ),
            vi: t(
                "Thiếu ảnh selfie hoặc ảnh selfie không dùng được. Chúng tôi cần một ảnh rõ nét khuôn mặt của bạn.",
                "Hãy chụp lại ảnh selfie ở nơi đủ sáng, nhìn thẳng vào máy ảnh, chỉ có mình bạn trong ảnh, thấy rõ toàn bộ khuôn mặt và không đeo kính râm, mũ hay khẩu trang.",
            ),
            tr: t(
                "Selfie'niz eksik veya kullanılamıyor. Yüzünüzün net bir fotoğrafına ihtiyacımız var.",
                "İyi ışıkta, kameraya bakarak, karede yalnızca siz olacak şekilde yeni bir selfie çekin; yüzünüzün tamamı görünsün, güneş gözlüğü, şapka veya maske takmayın.",
            ),
            pt: t(
                "Sua selfie está faltando ou não pode ser usada. Precisamos de uma foto nítida do seu rosto.",
                "Tire uma nova selfie olhando para a câmera, com boa iluminação, sem outras pessoas na imagem, com o rosto inteiro visível e sem óculos escuros, boné ou máscara.",
            ),
            ko: t(
                "셀피가 없거나 사용할 수 없습니다. 얼굴이 선명하게 나온 사진 한 장이 필요합니다.",
                "밝은 곳에서 카메라를 정면으로 바라보고 혼자 나오도록 셀피를 다시 촬영해 주십시오. 얼굴 전체가 보여야 하며 선글라스, 모자, 마스크는 벗어 주십시오.",
            ),
            ja: t(
                "自撮り写真がないか、使用できません。お顔がはっきり写った写真が1枚必要です。",
                "明るい場所でカメラを正面から見て、ご本人だけが写るように自撮り写真を撮り直してください。顔全体が写るようにし、サングラス、帽子、マスクは外してください。",
            ),
            fr: t(
                "Votre selfie est manquant ou inutilisable. Nous avons besoin d'une photo nette de votre visage.",
                "Reprenez un selfie face à l'appareil, sous un bon éclairage, sans personne d'autre sur l'image, avec tout le visage visible et sans lunettes de soleil, chapeau ni masque.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::FaceMismatch,
        group: Group::Biometrics,
        outcome: Outcome::Review,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "Face similarity between the selfie and the document portrait is below the policy threshold; evidence: similarity, threshold, model. Compare the images: age, lighting and glasses cause false non-matches.",
        texts: Texts {
            en: t(
                "We could not confirm that your selfie matches the photo on your document.",
                "Our team will compare them and e-mail you the result. If you are asked to try again, take a selfie in good light, facing the camera, without glasses, hat or mask.",
            ),
            zh_cn: t(
                "我们无法确认您的自拍照与证件上的照片是否为同一人。",
                "我们的团队将进行比对，并通过电子邮件通知您结果。如果需要重新尝试，请在光线充足处正对镜头自拍，不要佩戴眼镜、帽子或口罩。",
            ),
            es: t(
                "No pudimos confirmar que su selfie coincida con la foto de su documento.",
                "Nuestro equipo las comparará y le enviará el resultado por correo electrónico. Si le pedimos que lo intente de nuevo, tómese una selfie con buena luz, mirando a la cámara, sin lentes, gorra ni mascarilla.",
            ),
            ru: t(
                "Нам не удалось подтвердить, что селфи совпадает с фотографией в документе.",
                "Наша команда сравнит их и сообщит результат по электронной почте. Если вас попросят повторить попытку, сделайте селфи при хорошем освещении, глядя в камеру, без очков, головного убора и маски.",
            ),
            vi: t(
                "Chúng tôi chưa thể xác nhận ảnh selfie của bạn khớp với ảnh trên giấy tờ tùy thân.",
                "Đội ngũ của chúng tôi sẽ đối chiếu và gửi kết quả qua email. Nếu được yêu cầu thử lại, hãy chụp ảnh selfie ở nơi đủ sáng, nhìn thẳng vào máy ảnh, không đeo kính, mũ hay khẩu trang.",
            ),
            tr: t(
                "Selfie'nizin belgenizdeki fotoğrafla eşleştiğini doğrulayamadık.",
                "Ekibimiz fotoğrafları karşılaştırıp sonucu size e-posta ile bildirecek. Tekrar denemeniz istenirse iyi ışıkta, kameraya bakarak, gözlük, şapka veya maske olmadan bir selfie çekin.",
            ),
            pt: t(
                "Não conseguimos confirmar que sua selfie corresponde à foto do seu documento.",
                "Nossa equipe vai compará-las e enviar o resultado por e-mail. Se você precisar tentar novamente, tire uma selfie com boa iluminação, olhando para a câmera, sem óculos, boné ou máscara.",
            ),
            ko: t(
                "셀피가 신분증 사진과 일치하는지 확인할 수 없었습니다.",
                "저희 팀이 두 사진을 비교한 후 결과를 이메일로 알려 드립니다. 다시 시도하라는 요청을 받으시면 밝은 곳에서 카메라를 정면으로 보고 안경, 모자, 마스크 없이 셀피를 촬영해 주십시오.",
            ),
            ja: t(
                "自撮り写真が本人確認書類の写真と一致することを確認できませんでした。",
                "当社チームが照合し、結果をメールでお知らせします。再度の撮影をお願いした場合は、明るい場所でカメラを正面から見て、眼鏡、帽子、マスクを外して自撮り写真を撮影してください。",
            ),
            fr: t(
                "Nous n'avons pas pu confirmer que votre selfie correspond à la photo de votre document.",
                "Notre équipe va les comparer et vous enverra le résultat par e-mail. Si l'on vous demande de réessayer, prenez un selfie sous un bon éclairage, face à l'appareil, sans lunettes, chapeau ni masque.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::LivenessFailed,
        group: Group::Biometrics,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "The liveness check failed (signs of a printed photo, a screen, a mask or a replayed video); evidence: score, threshold, attack_type, attempt. Repeated failures go to review.",
        texts: Texts {
            en: t(
                "We could not confirm that the selfie was taken live.",
                "Take the selfie again yourself, in real time and in good light, facing the camera and following the on-screen instructions. Do not photograph a picture or a screen.",
            ),
            zh_cn: t(
                "我们无法确认该自拍照是实时拍摄的。",
                "请本人在光线充足处正对镜头，按照屏幕提示实时重新自拍。请勿翻拍照片或屏幕。",
            ),
            es: t(
                "No pudimos confirmar que la selfie se tomó en vivo.",
                "Vuelva a tomarse la selfie en tiempo real, con buena luz, mirando a la cámara y siguiendo las instrucciones en pantalla. No fotografíe una imagen impresa ni una pantalla.",
            ),
            ru: t(
                "Нам не удалось подтвердить, что селфи снято в реальном времени.",
                "Сделайте селфи ещё раз сами, в реальном времени и при хорошем освещении, глядя в камеру и следуя инструкциям на экране. Не фотографируйте снимок или экран.",
            ),
            vi: t(
                "Chúng tôi không thể xác nhận ảnh selfie được chụp trực tiếp.",
                "Hãy tự chụp lại ảnh selfie trực tiếp ở nơi đủ sáng, nhìn thẳng vào máy ảnh và làm theo hướng dẫn trên màn hình. Không chụp lại ảnh in hoặc màn hình.",
            ),
            tr: t(
                "Selfie'nin canlı olarak çekildiğini doğrulayamadık.",
                "Selfie'yi iyi ışıkta, kameraya bakarak ve ekrandaki talimatları izleyerek anlık olarak kendiniz yeniden çekin. Bir fotoğrafın veya ekranın fotoğrafını çekmeyin.",
            ),
            pt: t(
                "Não conseguimos confirmar que a selfie foi tirada ao vivo.",
                "Tire a selfie novamente em tempo real, com boa iluminação, olhando para a câmera e seguindo as instruções na tela. Não fotografe uma imagem impressa nem uma tela.",
            ),
            ko: t(
                "셀피가 실시간으로 촬영되었는지 확인할 수 없었습니다.",
                "밝은 곳에서 카메라를 정면으로 보고 화면의 안내에 따라 본인이 직접 실시간으로 셀피를 다시 촬영해 주십시오. 사진이나 화면을 촬영하지 마십시오.",
            ),
            ja: t(
                "自撮り写真がその場で撮影されたものであることを確認できませんでした。",
                "明るい場所でカメラを正面から見て、画面の案内に従い、ご本人がその場で自撮り写真を撮り直してください。写真や画面を撮影しないでください。",
            ),
            fr: t(
                "Nous n'avons pas pu confirmer que le selfie a été pris en direct.",
                "Reprenez vous-même le selfie en temps réel, sous un bon éclairage, face à l'appareil et en suivant les instructions à l'écran. Ne photographiez pas une photo ou un écran.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::DuplicateFace,
        group: Group::Duplicate,
        outcome: Outcome::Review,
        retry: true,
        explain_to_applicant: false,
        reviewer_note: "The selfie face matches the face of other accounts above the policy threshold; evidence: matches (other applicant ids), similarity, threshold. Never disclose to the applicant.",
        texts: NEUTRAL,
    },
    ReasonSpec {
        code: ReasonCode::Underage,
        group: Group::Policy,
        outcome: Outcome::Reject,
        retry: false,
        explain_to_applicant: true,
        reviewer_note: "The age computed from the document birth date is below the policy minimum on the decision date; evidence: birth_date, age, minimum_age, source.",
        texts: Texts {
            en: t(
                "You do not meet the minimum age required to use this service.",
                "You cannot complete verification until you reach the minimum age. If your date of birth was read incorrectly, please contact our support team.",
            ),
            zh_cn: t(
                "您未达到使用本服务所需的最低年龄。",
                "在达到最低年龄之前，您无法完成验证。如果您的出生日期识别有误，请联系我们的客服团队。",
            ),
            es: t(
                "No cumple con la edad mínima requerida para usar este servicio.",
                "No podrá completar la verificación hasta que alcance la edad mínima. Si su fecha de nacimiento se leyó de forma incorrecta, comuníquese con nuestro equipo de soporte.",
            ),
            ru: t(
                "Вы не достигли минимального возраста, необходимого для использования сервиса.",
                "Вы сможете пройти верификацию, только когда достигнете минимального возраста. Если дата рождения была распознана неверно, обратитесь в нашу службу поддержки.",
            ),
            vi: t(
                "Bạn chưa đủ độ tuổi tối thiểu để sử dụng dịch vụ này.",
                "Bạn chưa thể hoàn tất xác minh cho đến khi đủ độ tuổi tối thiểu. Nếu ngày sinh của bạn bị đọc sai, vui lòng liên hệ đội ngũ hỗ trợ của chúng tôi.",
            ),
            tr: t(
                "Bu hizmeti kullanmak için gereken asgari yaş şartını karşılamıyorsunuz.",
                "Asgari yaşa ulaşana kadar doğrulamayı tamamlayamazsınız. Doğum tarihiniz yanlış okunduysa lütfen destek ekibimizle iletişime geçin.",
            ),
            pt: t(
                "Você não atinge a idade mínima exigida para usar este serviço.",
                "Não será possível concluir a verificação até você atingir a idade mínima. Se sua data de nascimento foi lida incorretamente, entre em contato com nossa equipe de suporte.",
            ),
            ko: t(
                "이 서비스를 이용하는 데 필요한 최소 연령에 해당하지 않습니다.",
                "최소 연령에 도달할 때까지 인증을 완료하실 수 없습니다. 생년월일이 잘못 인식된 경우 고객지원팀에 문의해 주십시오.",
            ),
            ja: t(
                "本サービスのご利用に必要な最低年齢に達していません。",
                "最低年齢に達するまで本人確認を完了することはできません。生年月日が誤って読み取られた場合は、サポートチームまでお問い合わせください。",
            ),
            fr: t(
                "Vous n'avez pas l'âge minimum requis pour utiliser ce service.",
                "Vous ne pourrez pas terminer la vérification avant d'avoir atteint l'âge minimum. Si votre date de naissance a été mal lue, contactez notre équipe d'assistance.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::JurisdictionNotSupported,
        group: Group::Policy,
        outcome: Outcome::Reject,
        retry: false,
        explain_to_applicant: true,
        reviewer_note: "The country of residence or nationality (declared or read from the document) is not served under the policy; evidence: country, source, rule.",
        texts: Texts {
            en: t(
                "Our service is not available for your country of residence or nationality.",
                "Unfortunately, you cannot complete verification at this time. If you selected the wrong country by mistake, please contact our support team.",
            ),
            zh_cn: t(
                "我们的服务暂不支持您的居住国家/地区或国籍。",
                "很抱歉，您目前无法完成验证。如果您误选了国家/地区，请联系我们的客服团队。",
            ),
            es: t(
                "Nuestro servicio no está disponible para su país de residencia o su nacionalidad.",
                "Lamentablemente, no puede completar la verificación en este momento. Si seleccionó un país por error, comuníquese con nuestro equipo de soporte.",
            ),
            ru: t(
                "Наш сервис недоступен для вашей страны проживания или гражданства.",
                "К сожалению, сейчас вы не можете пройти верификацию. Если вы выбрали страну по ошибке, обратитесь в нашу службу поддержки.",
            ),
            vi: t(
                "Dịch vụ của chúng tôi chưa hỗ trợ quốc gia cư trú hoặc quốc tịch của bạn.",
                "Rất tiếc, bạn chưa thể hoàn tất xác minh vào lúc này. Nếu bạn chọn nhầm quốc gia, vui lòng liên hệ đội ngũ hỗ trợ của chúng tôi.",
            ),
            tr: t(
                "Hizmetimiz ikamet ettiğiniz ülke veya uyruğunuz için kullanılamıyor.",
                "Maalesef şu anda doğrulamayı tamamlayamazsınız. Ülkeyi yanlışlıkla seçtiyseniz lütfen destek ekibimizle iletişime geçin.",
            ),
            pt: t(
                "Nosso serviço não está disponível para o seu país de residência ou nacionalidade.",
                "Infelizmente, não é possível concluir a verificação no momento. Se você selecionou o país errado por engano, entre em contato com nossa equipe de suporte.",
            ),
            ko: t(
                "고객님의 거주 국가 또는 국적에서는 저희 서비스를 이용하실 수 없습니다.",
                "죄송하지만 현재 인증을 완료하실 수 없습니다. 국가를 잘못 선택하셨다면 고객지원팀에 문의해 주십시오.",
            ),
            ja: t(
                "お客様の居住国または国籍では、当社のサービスをご利用いただけません。",
                "申し訳ありませんが、現時点では本人確認を完了できません。国を誤って選択された場合は、サポートチームまでお問い合わせください。",
            ),
            fr: t(
                "Notre service n'est pas disponible pour votre pays de résidence ou votre nationalité.",
                "Malheureusement, vous ne pouvez pas terminer la vérification pour le moment. Si vous avez sélectionné le mauvais pays par erreur, contactez notre équipe d'assistance.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::WatchlistMatch,
        group: Group::Screening,
        outcome: Outcome::Review,
        retry: true,
        explain_to_applicant: false,
        reviewer_note: "Name and birth date match a sanctions-list entry above the policy threshold; evidence: list, entry_id, matched_name, score, threshold. Confirm or dismiss the match; never disclose it to the applicant.",
        texts: NEUTRAL,
    },
    ReasonSpec {
        code: ReasonCode::PepMatch,
        group: Group::Screening,
        outcome: Outcome::Review,
        retry: true,
        explain_to_applicant: false,
        reviewer_note: "Name and birth date match a politically-exposed-person entry above the policy threshold; evidence: list, entry_id, matched_name, position, score, threshold. Enhanced due diligence applies; never disclose it to the applicant.",
        texts: NEUTRAL,
    },
    ReasonSpec {
        code: ReasonCode::TooManyAttempts,
        group: Group::Policy,
        outcome: Outcome::Reject,
        retry: false,
        explain_to_applicant: true,
        reviewer_note: "The number of failed attempts reached the policy limit; evidence: attempts, limit, last_reasons.",
        texts: Texts {
            en: t(
                "Your verification has failed too many times, so you cannot try again automatically.",
                "Please contact our support team. They can review your case and tell you how to continue.",
            ),
            zh_cn: t(
                "您的验证失败次数过多，无法再自动重试。",
                "请联系我们的客服团队，他们会审核您的情况并告知后续步骤。",
            ),
            es: t(
                "Su verificación falló demasiadas veces, por lo que no puede volver a intentarlo automáticamente.",
                "Comuníquese con nuestro equipo de soporte, que podrá revisar su caso e indicarle cómo continuar.",
            ),
            ru: t(
                "Верификация не пройдена слишком много раз, поэтому повторить попытку автоматически нельзя.",
                "Обратитесь в нашу службу поддержки: там рассмотрят ваш случай и подскажут, как действовать дальше.",
            ),
            vi: t(
                "Bạn đã xác minh không thành công quá nhiều lần nên không thể tự động thử lại.",
                "Vui lòng liên hệ đội ngũ hỗ trợ của chúng tôi. Họ sẽ xem xét trường hợp của bạn và hướng dẫn bước tiếp theo.",
            ),
            tr: t(
                "Doğrulamanız çok fazla kez başarısız olduğu için otomatik olarak tekrar deneyemezsiniz.",
                "Lütfen destek ekibimizle iletişime geçin. Ekibimiz durumunuzu inceleyip nasıl devam edeceğinizi size bildirecektir.",
            ),
            pt: t(
                "Sua verificação falhou vezes demais, por isso não é possível tentar novamente de forma automática.",
                "Entre em contato com nossa equipe de suporte, que poderá analisar seu caso e orientar como continuar.",
            ),
            ko: t(
                "인증에 너무 여러 번 실패하여 자동으로 다시 시도하실 수 없습니다.",
                "고객지원팀에 문의해 주십시오. 고객님의 상황을 검토한 후 진행 방법을 안내해 드립니다.",
            ),
            ja: t(
                "本人確認に失敗した回数が上限を超えたため、自動で再試行することはできません。",
                "サポートチームまでお問い合わせください。状況を確認のうえ、今後の手続きをご案内します。",
            ),
            fr: t(
                "Votre vérification a échoué trop de fois : vous ne pouvez plus réessayer automatiquement.",
                "Veuillez contacter notre équipe d'assistance, qui examinera votre dossier et vous indiquera comment poursuivre.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::DocumentNotYetValid,
        group: Group::Document,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "The issue or valid-from date is after the decision date, often a misread date: compare with the image; evidence: issue_date, checked_on, source.",
        texts: Texts {
            en: t(
                "Your document is not valid yet: its date of issue or start of validity is in the future.",
                "Upload this document again once it is valid, or use another valid document. If the dates were misread, take a sharper photo in which they are clearly readable.",
            ),
            zh_cn: t(
                "您的证件尚未生效：其签发日期或生效日期在未来。",
                "请在证件生效后重新上传，或使用另一份有效证件。如果日期识别有误，请重新拍摄一张日期清晰可读的照片。",
            ),
            es: t(
                "Su documento aún no es válido: su fecha de expedición o de inicio de validez es posterior a hoy.",
                "Vuelva a subir este documento cuando sea válido o use otro documento válido. Si las fechas se leyeron mal, tome una foto más nítida en la que se lean con claridad.",
            ),
            ru: t(
                "Ваш документ ещё не действителен: дата выдачи или начала действия ещё не наступила.",
                "Загрузите документ снова, когда он вступит в силу, или используйте другой действительный документ. Если даты были прочитаны неверно, сделайте более чёткое фото, на котором они хорошо читаются.",
            ),
            vi: t(
                "Giấy tờ tùy thân của bạn chưa có hiệu lực: ngày cấp hoặc ngày bắt đầu hiệu lực là một ngày trong tương lai.",
                "Hãy tải lại giấy tờ này khi đã có hiệu lực, hoặc dùng một giấy tờ hợp lệ khác. Nếu ngày tháng bị đọc sai, hãy chụp ảnh sắc nét hơn để thấy rõ các ngày này.",
            ),
            tr: t(
                "Belgeniz henüz geçerli değil: düzenlenme veya geçerlilik başlangıç tarihi ileri bir tarih.",
                "Bu belgeyi geçerli olduğunda tekrar yükleyin veya geçerli başka bir belge kullanın. Tarihler yanlış okunduysa, tarihlerin açıkça okunabildiği daha net bir fotoğraf çekin.",
            ),
            pt: t(
                "Seu documento ainda não é válido: a data de emissão ou de início da validade é futura.",
                "Envie este documento novamente quando ele for válido ou use outro documento válido. Se as datas foram lidas incorretamente, tire uma foto mais nítida em que elas estejam legíveis.",
            ),
            ko: t(
                "신분증이 아직 유효하지 않습니다. 발급일 또는 유효 시작일이 미래 날짜입니다.",
                "신분증이 유효해진 후 다시 업로드하거나 다른 유효한 신분증을 사용해 주십시오. 날짜가 잘못 인식되었다면 날짜가 또렷이 보이도록 더 선명하게 촬영해 주십시오.",
            ),
            ja: t(
                "本人確認書類はまだ有効ではありません。発行日または有効開始日が将来の日付になっています。",
                "書類が有効になってから再度アップロードするか、別の有効な書類をご利用ください。日付が誤って読み取られた場合は、日付がはっきり読めるよう、より鮮明な写真を撮影してください。",
            ),
            fr: t(
                "Votre document n'est pas encore valide : sa date de délivrance ou de début de validité est dans le futur.",
                "Envoyez de nouveau ce document lorsqu'il sera valide, ou utilisez un autre document valide. Si les dates ont été mal lues, prenez une photo plus nette où elles sont bien lisibles.",
            ),
        },
    },
    ReasonSpec {
        code: ReasonCode::DocumentMissing,
        group: Group::Upload,
        outcome: Outcome::Resubmit,
        retry: true,
        explain_to_applicant: true,
        reviewer_note: "A required upload (document front, back or selfie) is absent from the application; evidence: missing, required.",
        texts: Texts {
            en: t(
                "A required photo was not uploaded.",
                "Upload every photo requested: the front of your document, the back if asked, and your selfie. Then submit again.",
            ),
            zh_cn: t(
                "缺少一张必需的照片。",
                "请上传所有要求的照片：证件正面、证件背面（如有要求）以及您的自拍照，然后重新提交。",
            ),
            es: t(
                "No se subió una foto obligatoria.",
                "Suba todas las fotos solicitadas: el frente de su documento, el reverso si se le pide y su selfie. Después, vuelva a enviar la solicitud.",
            ),
            ru: t(
                "Не загружено одно из обязательных фото.",
                "Загрузите все запрошенные фото: лицевую сторону документа, оборотную сторону, если она нужна, и селфи. Затем отправьте заявку снова.",
            ),
            vi: t(
                "Bạn chưa tải lên một ảnh bắt buộc.",
                "Vui lòng tải lên đủ các ảnh được yêu cầu: mặt trước giấy tờ tùy thân, mặt sau nếu được yêu cầu, và ảnh selfie. Sau đó gửi lại.",
            ),
            tr: t(
                "Zorunlu bir fotoğraf yüklenmemiş.",
                "İstenen tüm fotoğrafları yükleyin: belgenizin ön yüzü, istenirse arka yüzü ve selfie'niz. Ardından tekrar gönderin.",
            ),
            pt: t(
                "Uma foto obrigatória não foi enviada.",
                "Envie todas as fotos solicitadas: a frente do documento, o verso se for pedido e sua selfie. Depois, envie a solicitação novamente.",
            ),
            ko: t(
                "필수 사진이 업로드되지 않았습니다.",
                "요청된 사진을 모두 업로드해 주십시오. 신분증 앞면, 요청 시 뒷면, 그리고 셀피가 필요합니다. 그런 다음 다시 제출해 주십시오.",
            ),
            ja: t(
                "必要な写真がアップロードされていません。",
                "求められたすべての写真（本人確認書類の表面、必要な場合は裏面、自撮り写真）をアップロードし、もう一度送信してください。",
            ),
            fr: t(
                "Une photo obligatoire n'a pas été envoyée.",
                "Envoyez toutes les photos demandées : le recto de votre document, le verso si on vous le demande, et votre selfie. Puis soumettez à nouveau votre demande.",
            ),
        },
    },
];
