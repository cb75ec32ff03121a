import { registerPage } from '../registry.js';
import { AnalyticsPage } from './AnalyticsPage.js';
import { AnnouncementsPage } from './AnnouncementsPage.js';
import { AuditPage } from './AuditPage.js';
import { ContentEditorPage } from './ContentEditorPage.js';
import { ContentListPage } from './ContentListPage.js';
import { GlossaryPage } from './GlossaryPage.js';
import { InboxPage } from './InboxPage.js';
import { TagsPage } from './TagsPage.js';
import { TestConsolePage } from './TestConsolePage.js';
import { UnansweredPage } from './UnansweredPage.js';
import { UsersPage } from './UsersPage.js';
import { VersionsPage } from './VersionsPage.js';

// The console's pages, in menu order. Add a page: one component file in pages/, one registerPage() here.
registerPage({ path: '/content', title: 'Nội dung', role: 'admin', nav: { label: 'Nội dung', order: 10 }, component: ContentListPage });
registerPage({ path: '/content/intents', title: 'Ý định hệ thống', role: 'admin', component: () => <ContentListPage params={{ kind: 'intent' }} /> });
registerPage({ path: '/content/:kind/new', title: 'Thêm nội dung', role: 'admin', component: ContentEditorPage });
registerPage({ path: '/content/:kind/:id', title: 'Sửa nội dung', role: 'admin', component: ContentEditorPage });
registerPage({ path: '/content/:kind/:id/versions', title: 'Các phiên bản', role: 'admin', component: VersionsPage });
registerPage({ path: '/test', title: 'Thử trợ lý', role: 'any', nav: { label: 'Thử trợ lý', order: 20 }, component: TestConsolePage });
registerPage({ path: '/unanswered', title: 'Câu hỏi chưa trả lời', role: 'any', nav: { label: 'Câu hỏi chưa trả lời', order: 30 }, component: UnansweredPage });
registerPage({ path: '/analytics', title: 'Thống kê', role: 'any', nav: { label: 'Thống kê', order: 40 }, component: AnalyticsPage });
registerPage({ path: '/inbox', title: 'Hộp thư cán bộ', role: 'any', nav: { label: 'Hộp thư cán bộ', order: 50 }, component: InboxPage });
registerPage({ path: '/announcements', title: 'Thông báo', role: 'any', nav: { label: 'Thông báo', order: 60 }, component: AnnouncementsPage });
registerPage({ path: '/tags', title: 'Nhãn người nhận', role: 'any', nav: { label: 'Nhãn người nhận', order: 65 }, component: TagsPage });
registerPage({ path: '/users', title: 'Tài khoản', role: 'admin', nav: { label: 'Tài khoản', order: 80 }, component: UsersPage });
registerPage({ path: '/audit', title: 'Nhật ký', role: 'admin', nav: { label: 'Nhật ký', order: 90 }, component: AuditPage });
registerPage({ path: '/glossary', title: 'Giải thích thuật ngữ', role: 'any', nav: { label: 'Thuật ngữ', order: 95 }, component: GlossaryPage });
