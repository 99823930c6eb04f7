// The bundler loads the stylesheet as text (esbuild loader `.css: text`).
declare module '*.css' {
  const text: string;
  export default text;
}
