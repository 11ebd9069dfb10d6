package io.sluice.processors.sanitize.injection;

/**
 * Fixed tables that fold disguised letters to the letters they imitate: Cyrillic and Greek
 * look-alikes, leetspeak digits and symbols, accented Latin letters, and traditional Chinese
 * characters to simplified ones (so one rule covers both scripts).
 */
final class Confusables {
    private Confusables() {}

    private static final char[] HOMOGLYPH = new char[0x10000];
    private static final char[] LATIN = new char[0x2B0];
    private static final char[] SIMPLIFIED = new char[0x10000];

    static {
        String pairs =
                // Cyrillic
                "аaАaвbВbеeЕeёeЁeкkКkмmМmнhНhоoОoрpРpсcСcтtТtуyУyхxХxѕsЅsіiІiїiЇiјjЈjԁdһhԛqԝwӏiɡg"
                // Greek
                + "αaΑaβbΒbεeΕeζzΖzηnΗhιiΙiκkΚkμuΜmνvΝnοoΟoρpΡpτtΤtυuΥyχxΧxγyωwϲcϳj"
                // Latin look-alikes outside the usual letters: IPA, small capitals, dotless i
                + "ıiɑaɩiʏyᴀaʙbᴄcᴅdᴇeɢgʜhɪiᴊjᴋkʟiᴍmɴnᴏoᴘpʀrꜱsᴛtᴜuᴠvᴡwʏyᴢz";
        for (int i = 0; i + 1 < pairs.length(); i += 2) {
            HOMOGLYPH[pairs.charAt(i)] = pairs.charAt(i + 1);
        }
        for (char c = 0xC0; c < LATIN.length; c++) {
            String d = java.text.Normalizer.normalize(String.valueOf(c), java.text.Normalizer.Form.NFD);
            char base = Character.toLowerCase(d.charAt(0));
            if (base < 0x80 && Character.isLetter(base)) {
                LATIN[c] = base;
            }
        }
        LATIN['ø'] = 'o';
        LATIN['Ø'] = 'o';
        LATIN['đ'] = 'd';
        LATIN['Đ'] = 'd';
        LATIN['ł'] = 'l';
        LATIN['Ł'] = 'l';
        LATIN['ð'] = 'd';
        LATIN['ı'] = 'i';
        String traditional =
                "說说們们統统規规則则覽览設设開开發发從从現现將将無无視视記记這这個个為为與与對对應应該该請请麼么時时後后樣样沒没據据"
                + "擬拟顯显輸输內内碼码歷历錄录話话訊讯號号資资戶户網网聯联絡络係系權权員员師师實实際际試试調调維维護护務务蓋盖過过濾滤"
                + "審审讓让謊谎隱隐祕秘導导繞绕離离鎖锁啟启進进關关閉闭準准範范圍围約约執执讀读處处總总結结譯译寫写電电郵邮傳传轉转給给"
                + "憑凭證证鑰钥專专業业機机器器獄狱違违倫伦險险彈弹藥药製制頭头題题問问複复誦诵洩泄訴诉裝装當当優优級级換换舊旧效效廢废"
                + "刪删論论驗验擊击舉举識识別别檢检測测釣钓魚鱼訓训練练惡恶註注釋释紀纪檔档嗎吗吧吧裡里麼么隻只採采幫帮軟软體体禮礼"
                + "護护貼贴遞递響响鬆松鑑鉴獲获竊窃區区標标籤签項项節节錯错誤误響响驟骤項项頁页寫写讀读歲岁";
        for (int i = 0; i + 1 < traditional.length(); i += 2) {
            if (traditional.charAt(i) != traditional.charAt(i + 1)) {
                SIMPLIFIED[traditional.charAt(i)] = traditional.charAt(i + 1);
            }
        }
    }

    /** The Latin letter {@code c} imitates, or 0. */
    static char homoglyph(char c) {
        return HOMOGLYPH[c];
    }

    /** The unaccented lower-case ASCII letter of a Latin letter from Latin-1 to Latin Extended-B, or 0. */
    static char latinBase(char c) {
        return c < LATIN.length ? LATIN[c] : 0;
    }

    /** The simplified Chinese character for a traditional one, or 0. */
    static char simplified(char c) {
        return SIMPLIFIED[c];
    }

    /** The letter a leetspeak digit or symbol stands for, or 0. */
    static char leet(char c) {
        switch (c) {
            case '0': return 'o';
            case '1': return 'i';
            case '3': return 'e';
            case '4': return 'a';
            case '5': return 's';
            case '7': return 't';
            case '8': return 'b';
            case '@': return 'a';
            case '$': return 's';
            case '!': return 'i';
            case '|': return 'i';
            case '€': return 'e';
            default: return 0;
        }
    }

    static boolean isLeetSymbol(char c) {
        return c == '@' || c == '$' || c == '!' || c == '|' || c == '€';
    }

    static boolean isHan(char c) {
        return (c >= 0x3400 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF);
    }
}
