//! Languages that applicant-facing texts are written in.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// A language kycd writes applicant texts in. Every reason has a message and a remedy in each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Lang {
    #[serde(rename = "en")]
    En,
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "es")]
    Es,
    #[serde(rename = "ru")]
    Ru,
    #[serde(rename = "vi")]
    Vi,
    #[serde(rename = "tr")]
    Tr,
    #[serde(rename = "pt")]
    Pt,
    #[serde(rename = "ko")]
    Ko,
    #[serde(rename = "ja")]
    Ja,
    #[serde(rename = "fr")]
    Fr,
}

impl Lang {
    /// Every supported language, English first.
    pub const ALL: [Lang; 10] = [
        Lang::En,
        Lang::ZhCn,
        Lang::Es,
        Lang::Ru,
        Lang::Vi,
        Lang::Tr,
        Lang::Pt,
        Lang::Ko,
        Lang::Ja,
        Lang::Fr,
    ];

    /// The BCP 47 tag, as used in the API and on the command line.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
            Lang::Es => "es",
            Lang::Ru => "ru",
            Lang::Vi => "vi",
            Lang::Tr => "tr",
            Lang::Pt => "pt",
            Lang::Ko => "ko",
            Lang::Ja => "ja",
            Lang::Fr => "fr",
        }
    }

    /// The language's name in itself, for menus.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::ZhCn => "简体中文",
            Lang::Es => "Español",
            Lang::Ru => "Русский",
            Lang::Vi => "Tiếng Việt",
            Lang::Tr => "Türkçe",
            Lang::Pt => "Português",
            Lang::Ko => "한국어",
            Lang::Ja => "日本語",
            Lang::Fr => "Français",
        }
    }

    /// The best supported language for an `Accept-Language`-style tag such as `pt-BR`, `zh`,
    /// `ZH-cn` or `fr_CA`; `None` when the primary language is not supported.
    pub fn negotiate(tag: &str) -> Option<Lang> {
        let tag = tag.trim().replace('_', "-");
        let primary = tag.split('-').next().unwrap_or("").to_ascii_lowercase();
        Lang::ALL
            .into_iter()
            .find(|lang| lang.tag().split('-').next() == Some(primary.as_str()))
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

/// The tag is not one of the supported languages.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unsupported language {0:?}; supported: en, zh-CN, es, ru, vi, tr, pt, ko, ja, fr")]
pub struct UnknownLang(pub String);

impl FromStr for Lang {
    type Err = UnknownLang;

    /// Accepts the exact tags and close variants (`zh`, `zh-cn`, `pt-BR`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::negotiate(s).ok_or_else(|| UnknownLang(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(lang.tag().parse::<Lang>(), Ok(lang));
        }
    }

    #[test]
    fn negotiates_regional_variants() {
        assert_eq!("pt-BR".parse::<Lang>(), Ok(Lang::Pt));
        assert_eq!("zh".parse::<Lang>(), Ok(Lang::ZhCn));
        assert_eq!("FR_ca".parse::<Lang>(), Ok(Lang::Fr));
        assert!("de".parse::<Lang>().is_err());
        assert!("".parse::<Lang>().is_err());
    }
}
