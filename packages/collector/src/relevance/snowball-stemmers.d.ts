// Types for snowball-stemmers (a JavaScript build of the Snowball project's stemmers; it ships none).
declare module 'snowball-stemmers' {
  namespace snowball {
    interface Stemmer {
      stem(word: string): string;
    }
    function newStemmer(language: string): Stemmer;
    function algorithms(): string[];
  }
  export = snowball;
}
