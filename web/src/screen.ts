/** What a screen gives the router: the page title and its content. */
export interface Rendered {
  title: string;
  content: Node;
}

export type Screen = () => Promise<Rendered>;
