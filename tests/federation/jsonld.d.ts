declare module "jsonld" {
  const jsonld: {
    expand(input: unknown, options?: { documentLoader?: (url: string) => Promise<unknown> }): Promise<unknown[]>;
  };
  export default jsonld;
}
