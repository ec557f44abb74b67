import { describe, expect, it } from 'vitest';
import { plainText, storyText } from '../../src/dedupe/index.ts';

const words = (body: string) => storyText('', body).bodyWords.join(' ');

describe('storyText', () => {
  it('drops the agency sign-off only as a word of its own at the end', () => {
    expect(words('Wheat rose two cents.\n Reuter\n\n')).toBe('wheat rose two cts');
    expect(words('Wheat rose at AlphaReuter')).toBe('wheat rose at alphareuter');
    expect(words('Reuter said wheat rose')).toBe('reuter said wheat rose');
  });

  it('drops credits, correction notes and captions wherever they are', () => {
    expect(words('Wheat rose. (Reporting by Ana Ruiz; Editing by Tom Lee) Corn fell.')).toBe('wheat rose corn fell');
    expect(words('(Corrects price in paragraph 2) Wheat rose. FILE PHOTO. Read more about grain.')).toBe('wheat rose');
  });

  it('ends a credit line at the line break after it', () => {
    expect(words('Wheat rose\nWriting by Ana Ruiz\nCorn fell')).toBe('wheat rose corn fell');
    expect(words('Wheat rose.\nWriting by Ana Ruiz\nCorn fell.')).toBe('wheat rose corn fell');
    expect(words('Wheat rose. Writing by Ana Ruiz. Corn fell.')).toBe('wheat rose');
  });

  it('reads the dateline day and starts the words after it', () => {
    const text = storyText('', 'NEW YORK, March 2 - Wheat rose 1,250 dollars per cent');
    expect(text.datelineDay).toBe(2);
    expect(text.bodyWords).toEqual(['wheat', 'rose', '1250', 'dlrs', 'pct']);
  });
});

describe('plainText', () => {
  it('makes smart quotes, dashes and no-break spaces plain', () => {
    expect(plainText('\u201CIt\u2019s done\u201D \u2014 he\u00a0said')).toBe('"It\'s done" - he said');
  });

  it('leaves plain ASCII text as it is', () => {
    expect(plainText('Shares rose <BP> 2 pct')).toBe('Shares rose <BP> 2 pct');
  });
});
