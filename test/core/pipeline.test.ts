import { describe, expect, it } from 'vitest';
import { applyPlan, decodeWith, repair, resolveOptions } from '../../dist/index.js';

describe('repair', () => {
  it('converts Traditional to Simplified when asked', () => {
    expect(repair('市政協五屆二次會議', { to: 'simplified' }).text).toBe('市政协五届二次会议');
  });

  it('converts Simplified to Taiwan script with Taiwan phrases', () => {
    expect(repair('软件和鼠标', { to: 'taiwan' }).text).toBe('軟體和滑鼠');
  });

  it('converts Simplified to Hong Kong and generic Traditional variants', () => {
    expect(repair('里面的软件', { to: 'hongkong' }).text).toBe('裏面的軟件');
    expect(repair('里面的软件', { to: 'traditional' }).text).toBe('裏面的軟件');
  });

  it('leaves the script alone without a target and records no step', () => {
    const result = repair('市政協五屆二次會議');
    expect(result.text).toBe('市政協五屆二次會議');
    expect(result.steps).toEqual([]);
  });

  it('records a conversion step with its count and offsets', () => {
    const [step] = repair('會議ABC議', { to: 'simplified' }).steps;
    expect(step).toMatchObject({ kind: 'apply', fixer: 'convertScript', params: { to: 'simplified' }, count: 3 });
    expect(step?.where).toEqual([0, 1, 5]);
  });

  it('keeps line endings and the absence of a final newline', () => {
    expect(repair('會議\r\n議\n會', { to: 'simplified' }).text).toBe('会议\r\n议\n会');
  });

  it('throws a TypeError when given bytes instead of text', () => {
    expect(() => repair(Buffer.from('abc') as unknown as string)).toThrow(TypeError);
  });
});

describe('lost bytes of UTF-8 read as GBK', () => {
  // 。 is E3 80 82; read as GBK, 82 before the space cannot start a character and is lost.
  const damaged = decodeWith(Buffer.from('在对话框中点击「添加」来添加语言条目。 此步骤使得全部新建对话框都包含可本地化的字符串资源。'), 'gbk');

  it('recovers a lost character from context and lists the guess in the step', () => {
    const { text, steps } = repair(damaged);
    expect(text).toBe('在对话框中点击「添加」来添加语言条目。 此步骤使得全部新建对话框都包含可本地化的字符串资源。');
    expect(steps[0]?.detail).toMatch(/recovered 2 characters from lost bytes by context: 。 at \d+ \(margin [\d.]+\), 。 at \d+/);
    expect(applyPlan(damaged, steps)).toBe(text);
  });

  it('gives each guess with its offset and margin in the step parameters, for programs', () => {
    const guesses = repair(damaged).steps[0]?.params['guesses'] as [number, string, number | null][];
    expect(guesses.map(([, char]) => char)).toEqual(['。', '。']);
    for (const [offset, , margin] of guesses) {
      expect(damaged[offset]).toBe('\uFFFD');
      expect(margin).toBeGreaterThanOrEqual(2);
    }
  });

  it('keeps the character marked with --no-guess', () => {
    expect(repair(damaged, { guess: false }).text).toBe('在对话框中点击「添加」来添加语言条目\uFFFD 此步骤使得全部新建对话框都包含可本地化的字符串资源\uFFFD');
  });
});

describe('lost lead bytes of UTF-8', () => {
  it('marks the character lost with --no-guess', () => {
    expect(repair('由目标\u0092\u008C引用', { guess: false }).text).toBe('由目标\uFFFD引用');
  });

  it.each(['的\u009D\u201D穝羬的', '\uFFFD的\u0081\u00A1か穝的'])('leaves a text a second repair does not change (found by fuzzing): %j', (text) => {
    const once = repair(text).text;
    expect(repair(once).text).toBe(once);
  });

  it('leaves two bytes that read as a whole GBK character to the encoding engine (\u008C¦ is 對, not 錦 without its lead)', () => {
    const { text, steps } = repair('您可以在\u008C¦話方塊中變更設定。');
    expect(text).toBe('您可以在對話方塊中變更設定。');
    expect(steps.map((step) => step.fixer)).toEqual(['reencodeSpans']);
  });

  it('lists each recovered character with its margin', () => {
    const { steps } = repair('由目标\u0092\u008C引用');
    expect(steps.map((step) => step.fixer)).toEqual(['restoreLostLeads']);
    expect(steps[0]?.detail).toMatch(/recovered 1 from context: 和 at 3 \(margin [\d.]+\)/);
  });
});

describe('found by fuzzing', () => {
  it('fills no hole followed by more continuation bytes than a character holds, and the plan replays', () => {
    const text = '發\uFFFD\u009d「「';
    const result = repair(text);
    expect(applyPlan(text, result.steps)).toBe(result.text);
    expect(repair(result.text).text).toBe(result.text);
  });

  it('leaves a mark next to a rare character alone when the first repair made it', () => {
    const once = repair('的的的ã¥\uFFFD羬').text;
    expect(repair(once).text).toBe(once);
  });
});

describe('text that lost bytes and was decoded already', () => {
  // What a first round makes of UTF-8 read as Big5 (half its characters lost): the characters
  // between the marks could be read as Big5 or GBK mojibake again, each swallowed one lowering
  // the cost, but nothing in them says they are mojibake.
  it.each([
    ['選取一種語言。 如此��包含���串�翻譯�本��串�源�增���話方塊特性。'],
    ['重新能���檔��目��'],
    ['設定�以�檔��路徑�定'],
  ])('leaves %s as it is', (text) => {
    expect(repair(text).text).toBe(text);
  });

  it('decodes lossy mojibake of other scripts too, where no Chinese word can vouch for it', () => {
    const russian = 'Русский язык является одним из восточнославянских языков.';
    const damaged = decodeWith(Buffer.from(russian), 'big5');
    expect(damaged).toContain('\uFFFD');
    expect(repair(damaged).text).toContain(' одним из ');
  });

  it('decodes a line of lossy mojibake whose recovered characters make words', () => {
    // 建立 Basic 對話方塊 read as a browser's Big5 (滩 is a Hong Kong code, 8D E8).
    expect(repair('撱箇\uFFFD Basic 撠滩店\uFFFD孵\uFFFD').text).toBe('建\uFFFD Basic 對話\uFFFD\uFFFD');
  });
});

describe('marks that a single-byte codec could read as lost bytes', () => {
  it('leaves a ? after a letter of GBK damage to the misalignment search, when reading it as lost bytes brings nothing back', () => {
    // Ы (cp1251 DB, a UTF-8 lead byte) before ?: cp1251 that lost a byte would give only a mark.
    const { steps } = repair('如果(guǒ)没有语(yǔ)言匹配(pèi)用户的?de)姹荆没Ы?jiāng)看到默(mò)认语言(yán)字符串(chuàn)。');
    expect(steps.map((step) => step.fixer)).not.toContain('reencodeSpans');
    expect(steps.map((step) => step.fixer)).toContain('fixGbkMisalignment');
  });
});

describe('byte-level GBK damage', () => {
  it('repairs a damaged line as often as it occurs', () => {
    const line = '要快?!昂谩?,就是';
    expect(repair(`${line}\n${line}`).text).toBe('要快。“好”，就是\n要快。“好”，就是');
  });
});

describe('flattened punctuation', () => {
  // Widening mark by mark left 非？??，, whose ?? a later round of the misalignment search then
  // read as byte damage (、).
  it('widens a run of marks as one piece of punctuation, and leaves it to later rounds as such', () => {
    const text = '此语句必须添加到??橹械目芍葱谐绦虼胫啊?\n计算速度非???,适合用作计数器。';
    expect(repair(text).text.split('\n')[1]).toBe('计算速度非？？？，适合用作计数器。');
  });
});

describe('applyPlan', () => {
  it('replays a plan to the same output', () => {
    const original = '會議\n舉行';
    const result = repair(original, { to: 'simplified' });
    expect(applyPlan(original, result.steps)).toBe(result.text);
  });

  it('throws on an unknown fixer', () => {
    expect(() => applyPlan('x', [{ kind: 'apply', fixer: 'noSuchFixer', params: {}, detail: '', count: 1, where: [] }])).toThrow(
      /unknown fixer/,
    );
  });
});

describe('resolveOptions', () => {
  it('fills defaults and freezes', () => {
    const options = resolveOptions({ to: 'taiwan' });
    expect(options).toMatchObject({ to: 'taiwan', punct: 'auto', keepGlosses: false });
    expect(Object.isFrozen(options)).toBe(true);
  });

  it('rejects an unknown script target', () => {
    expect(() => resolveOptions({ to: 'klingon' as never })).toThrow(TypeError);
  });
});
