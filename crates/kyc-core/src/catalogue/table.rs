//! THE reason table. Placeholder: being written.

use super::{ReasonSpec, Text, Texts};

const fn t(message: &'static str, remedy: &'static str) -> Text {
    Text { message, remedy }
}

/// What the applicant reads for reasons that must not be explained (screening, fraud, activity).
pub static NEUTRAL_REVIEW: Texts = Texts {
    en: t("", ""),
    zh_cn: t("", ""),
    es: t("", ""),
    ru: t("", ""),
    vi: t("", ""),
    tr: t("", ""),
    pt: t("", ""),
    ko: t("", ""),
    ja: t("", ""),
    fr: t("", ""),
};

/// Every reason, in `ReasonCode::ALL` order.
pub static CATALOGUE: &[ReasonSpec] = &[];
