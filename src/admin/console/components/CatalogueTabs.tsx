/** The three views of the official catalogue, as tabs under one menu entry. */
export function CatalogueTabs({ current }: { current: 'browse' | 'sync' | 'disagreements' }) {
  const tabs = [
    ['browse', '#/catalogue', 'Tra cứu danh mục'],
    ['sync', '#/catalogue/sync', 'Đồng bộ và duyệt'],
    ['disagreements', '#/catalogue/disagreements', 'Chênh lệch với nội dung'],
  ] as const;
  return (
    <nav class="tabs" aria-label="Danh mục thủ tục">
      {tabs.map(([key, href, label]) => (
        <a key={key} href={href} aria-current={current === key ? 'page' : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}
