//! THE wording of the decision e-mails: everything around the reasons, in every [`Lang`].
//!
//! The reasons' own messages and remedies are not here: they come from kyc-core's catalogue
//! (through `Decision::applicant_reasons`), which is the only place reason text is written.
//!
//! [`Wordings`] has one field per language, so a missing translation does not compile; the tests
//! catch empty fields and fields left in English. Register: formal where the language has one
//! (usted, вы, vous, 합니다체, です・ます), Latin-American Spanish, Brazilian Portuguese, matching
//! the catalogue. Terminology follows the catalogue's neutral review text, so an in-review e-mail
//! and the neutral reason read alike.

use kyc_core::Lang;

/// The wrapper text of a decision e-mail in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Wording {
    pub subject_approved: &'static str,
    pub subject_resubmission: &'static str,
    pub subject_rejected: &'static str,
    pub subject_in_review: &'static str,
    pub greeting: &'static str,
    /// The opening sentence for each status.
    pub approved: &'static str,
    pub resubmission: &'static str,
    pub rejected: &'static str,
    pub in_review: &'static str,
    /// The heading above the reasons (each with its message and remedy).
    pub what_to_do: &'static str,
    /// Rejections: how to contest the decision.
    pub appeal: &'static str,
    /// The label of the link back when a new attempt is needed.
    pub link_resubmit: &'static str,
    /// The label of the link to the status page otherwise.
    pub link_status: &'static str,
    pub closing: &'static str,
}

/// One [`Wording`] per supported language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Wordings {
    pub en: Wording,
    pub zh_cn: Wording,
    pub es: Wording,
    pub ru: Wording,
    pub vi: Wording,
    pub tr: Wording,
    pub pt: Wording,
    pub ko: Wording,
    pub ja: Wording,
    pub fr: Wording,
}

impl Wordings {
    pub(crate) fn get(&self, lang: Lang) -> &Wording {
        match lang {
            Lang::En => &self.en,
            Lang::ZhCn => &self.zh_cn,
            Lang::Es => &self.es,
            Lang::Ru => &self.ru,
            Lang::Vi => &self.vi,
            Lang::Tr => &self.tr,
            Lang::Pt => &self.pt,
            Lang::Ko => &self.ko,
            Lang::Ja => &self.ja,
            Lang::Fr => &self.fr,
        }
    }
}

pub(crate) static WORDINGS: Wordings = Wordings {
    en: Wording {
        subject_approved: "Your identity verification was approved",
        subject_resubmission: "Your identity verification needs a new attempt",
        subject_rejected: "Your identity verification was not successful",
        subject_in_review: "Your identity verification is being reviewed",
        greeting: "Hello,",
        approved: "Your identity verification was approved. You don't need to do anything else.",
        resubmission: "Your identity verification needs a new attempt: we could not verify your identity with what you sent.",
        rejected: "We are sorry: your identity verification was not successful.",
        in_review: "Your identity verification is being reviewed by our team. You don't need to do anything now. We will e-mail you when the review is finished.",
        what_to_do: "What to do",
        appeal: "If you think this decision is wrong, you can appeal it from your verification status page.",
        link_resubmit: "Make a new attempt",
        link_status: "See your verification status",
        closing: "This message was sent automatically. Please do not reply to it.",
    },
    zh_cn: Wording {
        subject_approved: "您的身份验证已通过",
        subject_resubmission: "您的身份验证需要重新提交",
        subject_rejected: "您的身份验证未通过",
        subject_in_review: "您的身份验证正在审核中",
        greeting: "您好！",
        approved: "您的身份验证已通过，您无需再进行任何操作。",
        resubmission: "您的身份验证需要重新提交：我们无法根据您提交的材料验证您的身份。",
        rejected: "很抱歉，您的身份验证未通过。",
        in_review: "我们的团队正在审核您的身份验证。您目前无需进行任何操作。审核完成后，我们会通过电子邮件通知您。",
        what_to_do: "您需要做什么",
        appeal: "如果您认为此决定有误，可以在验证状态页面提出申诉。",
        link_resubmit: "重新提交",
        link_status: "查看验证状态",
        closing: "此邮件由系统自动发送，请勿直接回复。",
    },
    es: Wording {
        subject_approved: "Su verificación de identidad fue aprobada",
        subject_resubmission: "Su verificación de identidad necesita un nuevo intento",
        subject_rejected: "Su verificación de identidad no tuvo éxito",
        subject_in_review: "Su verificación de identidad está en revisión",
        greeting: "Hola:",
        approved: "Su verificación de identidad fue aprobada. No necesita hacer nada más.",
        resubmission: "Su verificación de identidad necesita un nuevo intento: no pudimos verificar su identidad con lo que nos envió.",
        rejected: "Lo sentimos: su verificación de identidad no tuvo éxito.",
        in_review: "Nuestro equipo está revisando su verificación de identidad. No necesita hacer nada por ahora. Le enviaremos un correo electrónico cuando termine la revisión.",
        what_to_do: "Qué debe hacer",
        appeal: "Si cree que esta decisión es incorrecta, puede apelarla desde la página de estado de su verificación.",
        link_resubmit: "Hacer un nuevo intento",
        link_status: "Ver el estado de su verificación",
        closing: "Este mensaje se envió automáticamente. Por favor, no lo responda.",
    },
    ru: Wording {
        subject_approved: "Проверка вашей личности пройдена",
        subject_resubmission: "Для проверки вашей личности нужна новая попытка",
        subject_rejected: "Проверка вашей личности не пройдена",
        subject_in_review: "Проверка вашей личности на рассмотрении",
        greeting: "Здравствуйте!",
        approved: "Проверка вашей личности успешно пройдена. Больше ничего делать не нужно.",
        resubmission: "Для проверки вашей личности нужна новая попытка: по отправленным вами материалам мы не смогли подтвердить вашу личность.",
        rejected: "К сожалению, проверка вашей личности не пройдена.",
        in_review: "Наша команда рассматривает проверку вашей личности. Сейчас от вас ничего не требуется. Мы сообщим вам по электронной почте, когда рассмотрение будет завершено.",
        what_to_do: "Что нужно сделать",
        appeal: "Если вы считаете это решение ошибочным, вы можете обжаловать его на странице статуса проверки.",
        link_resubmit: "Сделать новую попытку",
        link_status: "Посмотреть статус проверки",
        closing: "Это письмо отправлено автоматически. Пожалуйста, не отвечайте на него.",
    },
    vi: Wording {
        subject_approved: "Xác minh danh tính của bạn đã được chấp thuận",
        subject_resubmission: "Xác minh danh tính của bạn cần được thực hiện lại",
        subject_rejected: "Xác minh danh tính của bạn không thành công",
        subject_in_review: "Xác minh danh tính của bạn đang được xem xét",
        greeting: "Xin chào,",
        approved: "Xác minh danh tính của bạn đã được chấp thuận. Bạn không cần làm gì thêm.",
        resubmission: "Xác minh danh tính của bạn cần được thực hiện lại: chúng tôi không thể xác minh danh tính của bạn với những gì bạn đã gửi.",
        rejected: "Rất tiếc, xác minh danh tính của bạn không thành công.",
        in_review: "Đội ngũ của chúng tôi đang xem xét hồ sơ xác minh danh tính của bạn. Bạn không cần làm gì lúc này. Chúng tôi sẽ gửi email cho bạn khi việc xem xét hoàn tất.",
        what_to_do: "Bạn cần làm gì",
        appeal: "Nếu bạn cho rằng quyết định này chưa đúng, bạn có thể khiếu nại trên trang trạng thái xác minh.",
        link_resubmit: "Thực hiện lại",
        link_status: "Xem trạng thái xác minh",
        closing: "Đây là email tự động. Vui lòng không trả lời email này.",
    },
    tr: Wording {
        subject_approved: "Kimlik doğrulamanız onaylandı",
        subject_resubmission: "Kimlik doğrulamanız için yeni bir deneme gerekiyor",
        subject_rejected: "Kimlik doğrulamanız başarısız oldu",
        subject_in_review: "Kimlik doğrulamanız inceleniyor",
        greeting: "Merhaba,",
        approved: "Kimlik doğrulamanız onaylandı. Başka bir şey yapmanıza gerek yok.",
        resubmission: "Kimlik doğrulamanız için yeni bir deneme gerekiyor: gönderdiklerinizle kimliğinizi doğrulayamadık.",
        rejected: "Üzgünüz, kimlik doğrulamanız başarısız oldu.",
        in_review: "Kimlik doğrulamanız ekibimiz tarafından inceleniyor. Şu anda herhangi bir işlem yapmanız gerekmiyor. İnceleme tamamlandığında size e-posta ile bilgi vereceğiz.",
        what_to_do: "Yapmanız gerekenler",
        appeal: "Bu kararın yanlış olduğunu düşünüyorsanız, doğrulama durumu sayfanızdan itiraz edebilirsiniz.",
        link_resubmit: "Yeniden deneyin",
        link_status: "Doğrulama durumunuzu görüntüleyin",
        closing: "Bu mesaj otomatik olarak gönderildi. Lütfen yanıtlamayın.",
    },
    pt: Wording {
        subject_approved: "Sua verificação de identidade foi aprovada",
        subject_resubmission: "Sua verificação de identidade precisa de uma nova tentativa",
        subject_rejected: "Sua verificação de identidade não foi aprovada",
        subject_in_review: "Sua verificação de identidade está em análise",
        greeting: "Olá,",
        approved: "Sua verificação de identidade foi aprovada. Você não precisa fazer mais nada.",
        resubmission: "Sua verificação de identidade precisa de uma nova tentativa: não conseguimos verificar sua identidade com o que você enviou.",
        rejected: "Lamentamos, mas sua verificação de identidade não foi aprovada.",
        in_review: "Nossa equipe está analisando sua verificação de identidade. Você não precisa fazer nada agora. Enviaremos um e-mail quando a análise for concluída.",
        what_to_do: "O que fazer",
        appeal: "Se você acha que esta decisão está errada, pode contestá-la na página de status da sua verificação.",
        link_resubmit: "Fazer uma nova tentativa",
        link_status: "Ver o status da sua verificação",
        closing: "Esta mensagem foi enviada automaticamente. Por favor, não responda.",
    },
    ko: Wording {
        subject_approved: "본인 인증이 승인되었습니다",
        subject_resubmission: "본인 인증을 다시 진행해 주세요",
        subject_rejected: "본인 인증이 승인되지 않았습니다",
        subject_in_review: "본인 인증을 검토하고 있습니다",
        greeting: "안녕하세요.",
        approved: "본인 인증이 승인되었습니다. 더 이상 하실 일은 없습니다.",
        resubmission: "보내 주신 자료로는 본인 인증을 완료할 수 없었습니다. 다시 시도해 주세요.",
        rejected: "죄송합니다. 본인 인증이 승인되지 않았습니다.",
        in_review: "저희 팀이 고객님의 본인 인증을 검토하고 있습니다. 지금은 아무것도 하실 필요가 없습니다. 검토가 완료되면 이메일로 알려 드리겠습니다.",
        what_to_do: "해야 할 일",
        appeal: "이 결정이 잘못되었다고 생각하시면 인증 상태 페이지에서 이의를 제기하실 수 있습니다.",
        link_resubmit: "다시 시도하기",
        link_status: "인증 상태 확인하기",
        closing: "이 메일은 자동으로 발송되었습니다. 이 메일에 회신하지 말아 주세요.",
    },
    ja: Wording {
        subject_approved: "本人確認が承認されました",
        subject_resubmission: "本人確認をもう一度お試しください",
        subject_rejected: "本人確認は承認されませんでした",
        subject_in_review: "本人確認を審査しています",
        greeting: "ご利用いただきありがとうございます。",
        approved: "お客様の本人確認が承認されました。これ以上の操作は必要ありません。",
        resubmission: "お送りいただいた内容では本人確認を完了できませんでした。もう一度お試しください。",
        rejected: "申し訳ございませんが、お客様の本人確認は承認されませんでした。",
        in_review: "現在、当社チームがお客様の本人確認を審査しています。現時点でお客様に必要な操作はありません。審査が完了しましたら、メールでお知らせします。",
        what_to_do: "必要な対応",
        appeal: "この判断に誤りがあるとお考えの場合は、本人確認の状況ページから異議を申し立てることができます。",
        link_resubmit: "もう一度試す",
        link_status: "本人確認の状況を見る",
        closing: "このメールは送信専用です。このメールには返信しないでください。",
    },
    fr: Wording {
        subject_approved: "Votre vérification d'identité a été approuvée",
        subject_resubmission: "Votre vérification d'identité nécessite une nouvelle tentative",
        subject_rejected: "Votre vérification d'identité n'a pas abouti",
        subject_in_review: "Votre vérification d'identité est en cours d'examen",
        greeting: "Bonjour,",
        approved: "Votre vérification d'identité a été approuvée. Vous n'avez rien d'autre à faire.",
        resubmission: "Votre vérification d'identité nécessite une nouvelle tentative\u{a0}: nous n'avons pas pu vérifier votre identité avec les éléments envoyés.",
        rejected: "Nous sommes désolés\u{a0}: votre vérification d'identité n'a pas abouti.",
        in_review: "Notre équipe examine votre vérification d'identité. Vous n'avez rien à faire pour le moment. Nous vous enverrons un e-mail lorsque l'examen sera terminé.",
        what_to_do: "Ce qu'il faut faire",
        appeal: "Si vous pensez que cette décision est erronée, vous pouvez la contester depuis la page d'état de votre vérification.",
        link_resubmit: "Faire une nouvelle tentative",
        link_status: "Voir l'état de votre vérification",
        closing: "Ce message a été envoyé automatiquement. Merci de ne pas y répondre.",
    },
};

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(w: &Wording) -> [(&'static str, &'static str); 14] {
        [
            ("subject_approved", w.subject_approved),
            ("subject_resubmission", w.subject_resubmission),
            ("subject_rejected", w.subject_rejected),
            ("subject_in_review", w.subject_in_review),
            ("greeting", w.greeting),
            ("approved", w.approved),
            ("resubmission", w.resubmission),
            ("rejected", w.rejected),
            ("in_review", w.in_review),
            ("what_to_do", w.what_to_do),
            ("appeal", w.appeal),
            ("link_resubmit", w.link_resubmit),
            ("link_status", w.link_status),
            ("closing", w.closing),
        ]
    }

    #[test]
    fn every_field_is_written_and_translated() {
        let english = fields(WORDINGS.get(Lang::En));
        for lang in Lang::ALL {
            for (i, (name, text)) in fields(WORDINGS.get(lang)).into_iter().enumerate() {
                assert!(!text.trim().is_empty(), "{lang} {name} is empty");
                assert_eq!(text, text.trim(), "{lang} {name} has stray whitespace");
                assert!(!text.contains('\n'), "{lang} {name} spans lines");
                if lang != Lang::En {
                    assert_ne!(text, english[i].1, "{lang} {name} is still English");
                }
            }
        }
    }

    #[test]
    fn subjects_differ_by_status() {
        for lang in Lang::ALL {
            let w = WORDINGS.get(lang);
            let mut subjects = vec![
                w.subject_approved,
                w.subject_resubmission,
                w.subject_rejected,
                w.subject_in_review,
            ];
            subjects.sort_unstable();
            subjects.dedup();
            assert_eq!(subjects.len(), 4, "{lang}: two statuses share a subject");
        }
    }
}
